'use client';
// A push queue's delivery settings — retries, retries_delay and the error queue — with the API's
// limits beside each, shared by the create-queue dialog and the subscribers tab.
import { hintStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import type { PushSettingsView } from '@/lib/hud/types';

export interface PushSettingsForm {
  retries: string;
  retriesDelayS: string;
  errorQueue: string;
}

/** IronMQ's defaults (§1.7): 3 attempts, 60 s apart, no error queue. */
export const DEFAULT_PUSH_SETTINGS_FORM: PushSettingsForm = { retries: '3', retriesDelayS: '60', errorQueue: '' };

export function pushSettingsFormFrom(push: PushSettingsView): PushSettingsForm {
  return { retries: String(push.retries), retriesDelayS: String(push.retriesDelayMs / 1000), errorQueue: push.errorQueue };
}

/** A blank error queue means none. */
export function pushSettingsInputFrom(form: PushSettingsForm): { retries: number; retriesDelayMs: number; errorQueue: string } {
  return { retries: Number(form.retries), retriesDelayMs: Math.round(Number(form.retriesDelayS) * 1000), errorQueue: form.errorQueue.trim() };
}

export function PushSettingsFields({ form, onChange }: { form: PushSettingsForm; onChange: (form: PushSettingsForm) => void }) {
  const field = (key: keyof PushSettingsForm) => ({
    value: form[key],
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => onChange({ ...form, [key]: event.target.value }),
  });
  return (
    <div className="grid gap-4 sm:grid-cols-3">
      <div>
        <label htmlFor="push-retries" className={labelStyles}>Retries</label>
        <input id="push-retries" type="number" min={0} max={100} required className={`${inputStyles} mt-1`} {...field('retries')} />
        <p className={hintStyles}>Attempts per subscriber in total, 0 to 100 (0 means one).</p>
      </div>
      <div>
        <label htmlFor="push-retries-delay" className={labelStyles}>Retries delay (seconds)</label>
        <input id="push-retries-delay" type="number" min={3} max={86400} required className={`${inputStyles} mt-1`} {...field('retriesDelayS')} />
        <p className={hintStyles}>Wait between attempts, and how long a 202 has to be acknowledged. 3 s to 1 day.</p>
      </div>
      <div>
        <label htmlFor="push-error-queue" className={labelStyles}>Error queue</label>
        <input id="push-error-queue" className={`${inputStyles} mt-1`} placeholder="none" {...field('errorQueue')} />
        <p className={hintStyles}>Gets a report of each delivery that failed its last attempt. Empty for none.</p>
      </div>
    </div>
  );
}
