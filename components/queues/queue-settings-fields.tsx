'use client';
// The fields a queue's settings share between the create dialog and the settings tab: durations in
// seconds (as IronMQ speaks them) and the dead-letter policy of pull queues.
import { hintStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import type { QueueSettingsInput } from '@/lib/hud/queues/queue-settings-input';
import type { QueueDetail } from '@/lib/hud/types';

/** The form's own state: text as typed, converted once on submit. */
export interface SettingsFormState {
  messageTimeoutS: string;
  messageExpirationS: string;
  deadLetterQueue: string;
  maxReservations: string;
}

export const DEFAULT_SETTINGS_FORM: SettingsFormState = {
  messageTimeoutS: '60',
  messageExpirationS: '604800',
  deadLetterQueue: '',
  maxReservations: '10',
};

export function settingsFormFrom(queue: QueueDetail): SettingsFormState {
  return {
    messageTimeoutS: String(queue.messageTimeoutMs / 1000),
    messageExpirationS: String(queue.messageExpirationMs / 1000),
    deadLetterQueue: queue.deadLetter?.queueName ?? '',
    maxReservations: String(queue.deadLetter?.maxReservations ?? 10),
  };
}

/** Durations go to the server in ms; a blank dead-letter queue removes the policy (pull queues only). */
export function settingsInputFrom(form: SettingsFormState, isPull: boolean): QueueSettingsInput {
  const input: QueueSettingsInput = {
    messageTimeoutMs: Math.round(Number(form.messageTimeoutS) * 1000),
    messageExpirationMs: Math.round(Number(form.messageExpirationS) * 1000),
  };
  if (isPull) {
    const queueName = form.deadLetterQueue.trim();
    input.deadLetter = queueName ? { queueName, maxReservations: Number(form.maxReservations) } : null;
  }
  return input;
}

interface FieldsProps {
  form: SettingsFormState;
  onChange: (form: SettingsFormState) => void;
  isPull: boolean;
}

export function QueueSettingsFields({ form, onChange, isPull }: FieldsProps) {
  const field = (key: keyof SettingsFormState) => ({
    value: form[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => onChange({ ...form, [key]: event.target.value }),
  });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <div>
        <label htmlFor="message-timeout" className={labelStyles}>Message timeout (seconds)</label>
        <input id="message-timeout" type="number" min={1} max={86400} required className={`${inputStyles} mt-1`} {...field('messageTimeoutS')} />
        <p className={hintStyles}>How long a reserved message stays hidden before it returns. 1 s to 1 day.</p>
      </div>
      <div>
        <label htmlFor="message-expiration" className={labelStyles}>Message expiration (seconds)</label>
        <input id="message-expiration" type="number" min={1} max={2592000} required className={`${inputStyles} mt-1`} {...field('messageExpirationS')} />
        <p className={hintStyles}>How long a message lives in the queue. Up to 30 days.</p>
      </div>
      {isPull && (
        <>
          <div>
            <label htmlFor="dead-letter-queue" className={labelStyles}>Dead-letter queue</label>
            <input id="dead-letter-queue" className={`${inputStyles} mt-1`} placeholder="none" {...field('deadLetterQueue')} />
            <p className={hintStyles}>Messages reserved too often move here. Leave empty for none.</p>
          </div>
          <div>
            <label htmlFor="max-reservations" className={labelStyles}>Max reservations</label>
            <input
              id="max-reservations"
              type="number"
              min={1}
              max={1000}
              disabled={form.deadLetterQueue.trim() === ''}
              className={`${inputStyles} mt-1`}
              {...field('maxReservations')}
            />
            <p className={hintStyles}>Reservations before a message moves to the dead-letter queue. 1 to 1000.</p>
          </div>
        </>
      )}
    </div>
  );
}
