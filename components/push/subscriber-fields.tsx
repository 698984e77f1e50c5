'use client';
// One subscriber's fields — name, URL and extra headers — shared by the create-queue dialog and
// the subscriber dialog. The form keeps text as typed; subscriberFromForm converts it once.
import { hintStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import type { SubscriberView } from '@/lib/hud/types';

export interface SubscriberForm {
  name: string;
  url: string;
  headers: Array<{ name: string; value: string }>;
}

export const EMPTY_SUBSCRIBER: SubscriberForm = { name: '', url: '', headers: [] };

export function subscriberFormFrom(subscriber: SubscriberView): SubscriberForm {
  return { name: subscriber.name, url: subscriber.url, headers: Object.entries(subscriber.headers).map(([name, value]) => ({ name, value })) };
}

/** Header rows without a name are left out; the server checks the rest. */
export function subscriberFromForm(form: SubscriberForm): SubscriberView {
  const headers = Object.fromEntries(form.headers.filter((header) => header.name.trim() !== '').map((header) => [header.name.trim(), header.value]));
  return { name: form.name.trim(), url: form.url.trim(), headers };
}

interface SubscriberFieldsProps {
  form: SubscriberForm;
  onChange: (form: SubscriberForm) => void;
  /** Makes the fields' ids unique when several subscribers share a form. */
  idPrefix: string;
  /**
   * A saved subscriber's name — or, unnamed, its URL — is its identity (deliveries and
   * acknowledgements name it): it is not edited.
   */
  isNameLocked?: boolean;
  /** Focus the first field that can be edited (a dialog that holds only this subscriber). */
  isFocused?: boolean;
}

export function SubscriberFields({ form, onChange, idPrefix, isNameLocked = false, isFocused = false }: SubscriberFieldsProps) {
  const setHeader = (index: number, change: Partial<{ name: string; value: string }>) =>
    onChange({ ...form, headers: form.headers.map((header, i) => (i === index ? { ...header, ...change } : header)) });
  return (
    <div className="space-y-3">
      <div className="grid gap-3 sm:grid-cols-[1fr_2fr]">
        <div>
          <label htmlFor={`${idPrefix}-name`} className={labelStyles}>Subscriber name</label>
          <input id={`${idPrefix}-name`} className={`${inputStyles} mt-1`} value={form.name} readOnly={isNameLocked} autoFocus={isFocused && !isNameLocked} onChange={(e) => onChange({ ...form, name: e.target.value })} placeholder="e.g. billing" />
        </div>
        <div>
          <label htmlFor={`${idPrefix}-url`} className={labelStyles}>Subscriber URL</label>
          <input id={`${idPrefix}-url`} required readOnly={isNameLocked && form.name === ''} autoFocus={isFocused && isNameLocked && form.name !== ''} className={`${inputStyles} mt-1`} value={form.url} onChange={(e) => onChange({ ...form, url: e.target.value })} placeholder="https://example.com/hooks/ironmq or ironmq:///other-queue" />
        </div>
      </div>
      <p className={hintStyles}>
        {isNameLocked ? 'The name identifies the subscriber in deliveries and acknowledgements; to rename, add a new one and remove this one.' : 'Names must be unique in the queue; an unnamed subscriber goes by its URL.'}
      </p>
      <div>
        <span className={labelStyles}>Headers</span>
        <p className={hintStyles}>Sent with every push. Host, Content-Length, Transfer-Encoding, Connection and other framing headers are the pusher’s.</p>
        <ul className="mt-2 space-y-2">
          {form.headers.map((header, index) => (
            <li key={index} className="flex flex-wrap items-end gap-2">
              <span className="min-w-32 flex-1">
                <label htmlFor={`${idPrefix}-header-${index}-name`} className="text-xs">Header name</label>
                <input id={`${idPrefix}-header-${index}-name`} className={inputStyles} value={header.name} onChange={(e) => setHeader(index, { name: e.target.value })} />
              </span>
              <span className="min-w-32 flex-[2]">
                <label htmlFor={`${idPrefix}-header-${index}-value`} className="text-xs">Header value</label>
                <input id={`${idPrefix}-header-${index}-value`} className={inputStyles} value={header.value} onChange={(e) => setHeader(index, { value: e.target.value })} />
              </span>
              <button
                type="button"
                className="rounded border border-line px-2 py-2 text-xs hover:bg-surface"
                onClick={() => onChange({ ...form, headers: form.headers.filter((_, i) => i !== index) })}
                aria-label={`Remove header ${header.name || index + 1}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ul>
        <button type="button" className="mt-2 text-sm font-medium text-accent underline-offset-2 hover:underline" onClick={() => onChange({ ...form, headers: [...form.headers, { name: '', value: '' }] })}>
          Add header
        </button>
      </div>
    </div>
  );
}
