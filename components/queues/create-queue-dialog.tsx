'use client';
// Creates a queue: name, type and settings; a push queue with its subscribers (names, URLs,
// headers, several of them) and its delivery settings (retries, retries_delay, error queue). The
// server's rules come back as the form's error, as the server words them.
import { useState, type FormEvent } from 'react';
import { PushSettingsFields, DEFAULT_PUSH_SETTINGS_FORM, pushSettingsInputFrom } from '@/components/push/push-settings-fields';
import { EMPTY_SUBSCRIBER, SubscriberFields, subscriberFromForm, type SubscriberForm } from '@/components/push/subscriber-fields';
import { Dialog } from '@/components/ui/dialog';
import { buttonStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import { errorMessage } from '@/lib/hud/fetch-json';
import { useCreateQueueMutation } from '@/lib/hud/queues/use-create-queue-mutation';
import type { QueueType } from '@/lib/hud/types';
import { DEFAULT_SETTINGS_FORM, QueueSettingsFields, settingsInputFrom } from './queue-settings-fields';

const TYPES: Array<{ type: QueueType; label: string; description: string }> = [
  { type: 'pull', label: 'Pull', description: 'Consumers reserve and delete messages.' },
  { type: 'unicast', label: 'Unicast', description: 'Each message is pushed to one subscriber.' },
  { type: 'multicast', label: 'Multicast', description: 'Each message is pushed to every subscriber.' },
];

export function CreateQueueDialog({ projectId, isOpen, onClose }: { projectId: string; isOpen: boolean; onClose: () => void }) {
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="New queue" isWide>
      <CreateQueueForm projectId={projectId} onClose={onClose} />
    </Dialog>
  );
}

function CreateQueueForm({ projectId, onClose }: { projectId: string; onClose: () => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState<QueueType>('pull');
  const [subscribers, setSubscribers] = useState<SubscriberForm[]>([EMPTY_SUBSCRIBER]);
  const [push, setPush] = useState(DEFAULT_PUSH_SETTINGS_FORM);
  const [settings, setSettings] = useState(DEFAULT_SETTINGS_FORM);
  const create = useCreateQueueMutation();
  const isPull = type === 'pull';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const pushInput = { ...pushSettingsInputFrom(push), subscribers: subscribers.map(subscriberFromForm) };
    const input = { ...settingsInputFrom(settings, isPull), type, ...(isPull ? {} : { push: pushInput }) };
    create.mutate({ projectId, name, settings: input }, { onSuccess: onClose });
  };
  const setSubscriber = (index: number, form: SubscriberForm) => setSubscribers(subscribers.map((s, i) => (i === index ? form : s)));

  return (
    <form onSubmit={submit} className="space-y-4">
      <div>
        <label htmlFor="queue-name" className={labelStyles}>Name</label>
        <input id="queue-name" className={`${inputStyles} mt-1`} value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
      </div>
      <fieldset>
        <legend className={labelStyles}>Type</legend>
        <div className="mt-1 grid gap-2 sm:grid-cols-3">
          {TYPES.map((option) => (
            <label key={option.type} className="flex cursor-pointer gap-2 rounded-md border border-line p-2 text-sm has-[:checked]:border-accent">
              <input type="radio" name="queue-type" value={option.type} checked={type === option.type} onChange={() => setType(option.type)} />
              <span>
                <span className="font-medium">{option.label}</span>
                <span className="block text-xs text-muted">{option.description}</span>
              </span>
            </label>
          ))}
        </div>
      </fieldset>
      {!isPull && (
        <>
          {subscribers.map((form, index) => (
            <fieldset key={index} className="rounded-md border border-line p-3">
              <legend className="px-1 text-sm font-medium">Subscriber {index + 1}</legend>
              <SubscriberFields form={form} onChange={(next) => setSubscriber(index, next)} idPrefix={`new-subscriber-${index}`} />
              {subscribers.length > 1 && (
                <button type="button" className={`${buttonStyles.small} mt-3`} onClick={() => setSubscribers(subscribers.filter((_, i) => i !== index))}>
                  Remove subscriber {index + 1}
                </button>
              )}
            </fieldset>
          ))}
          <button type="button" className={buttonStyles.secondary} onClick={() => setSubscribers([...subscribers, EMPTY_SUBSCRIBER])}>Add another subscriber</button>
          <PushSettingsFields form={push} onChange={setPush} />
        </>
      )}
      <QueueSettingsFields form={settings} onChange={setSettings} isPull={isPull} />
      {create.isError && (
        <p role="alert" className="rounded-md border border-danger p-3 text-sm">{errorMessage(create.error)}</p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={create.isPending || name === ''}>
          {create.isPending ? 'Creating…' : 'Create queue'}
        </button>
      </div>
    </form>
  );
}
