'use client';
// Adds a subscriber, or edits one (its name stays: it is the subscriber's identity). Each save is
// one atomic server call; the server's rules (URL scheme, the address policy, framing headers,
// duplicate names, ironmq:/// loops) show in the dialog as the server words them.
import { useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { buttonStyles } from '@/components/ui/styles';
import { errorMessage } from '@/lib/hud/fetch-json';
import { useSaveSubscriberMutation } from '@/lib/hud/push/use-save-subscriber-mutation';
import type { SubscriberView } from '@/lib/hud/types';
import { EMPTY_SUBSCRIBER, SubscriberFields, subscriberFormFrom, subscriberFromForm } from './subscriber-fields';

interface SubscriberDialogProps {
  projectId: string;
  queueName: string;
  /** The subscriber to edit; null to add one. */
  editing: SubscriberView | null;
  isOpen: boolean;
  onClose: () => void;
}

export function SubscriberDialog(props: SubscriberDialogProps) {
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={props.editing ? 'Edit subscriber' : 'Add subscriber'} isWide>
      <SubscriberDialogForm {...props} />
    </Dialog>
  );
}

function SubscriberDialogForm({ projectId, queueName, editing, onClose }: SubscriberDialogProps) {
  const [form, setForm] = useState(() => (editing ? subscriberFormFrom(editing) : EMPTY_SUBSCRIBER));
  const save = useSaveSubscriberMutation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.mutate({ projectId, queueName, subscriber: subscriberFromForm(form), isNew: editing === null }, { onSuccess: onClose });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <SubscriberFields form={form} onChange={setForm} idPrefix="subscriber" isNameLocked={editing !== null} isFocused />
      {save.isError && <p role="alert" className="rounded-md border border-danger p-3 text-sm">{errorMessage(save.error)}</p>}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={save.isPending}>
          {save.isPending ? 'Saving…' : editing ? 'Save subscriber' : 'Add subscriber'}
        </button>
      </div>
    </form>
  );
}
