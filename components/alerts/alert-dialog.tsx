'use client';
// Adds an alert, or edits one in place. The server's rules (at most 5 alerts, no duplicate of
// another, pull queues only, no cycle of progressive alerts) show in the dialog as it words them.
import { useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { buttonStyles, hintStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import { useAddAlertMutation } from '@/lib/hud/alerts/use-add-alert-mutation';
import { useUpdateAlertMutation } from '@/lib/hud/alerts/use-update-alert-mutation';
import { errorMessage } from '@/lib/hud/fetch-json';
import type { AlertDirection, AlertType, AlertView } from '@/lib/hud/types';

interface AlertDialogProps {
  projectId: string;
  queueName: string;
  /** The alert to edit; null to add one. */
  editing: AlertView | null;
  isOpen: boolean;
  onClose: () => void;
}

export function AlertDialog(props: AlertDialogProps) {
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={props.editing ? 'Edit alert' : 'Add alert'}>
      <AlertForm {...props} />
    </Dialog>
  );
}

function AlertForm({ projectId, queueName, editing, onClose }: AlertDialogProps) {
  const [type, setType] = useState<AlertType>(editing?.type ?? 'fixed');
  const [direction, setDirection] = useState<AlertDirection>(editing?.direction ?? 'asc');
  const [trigger, setTrigger] = useState(String(editing?.trigger ?? 100));
  const [queue, setQueue] = useState(editing?.queue ?? '');
  const [snoozeS, setSnoozeS] = useState(String((editing?.snoozeMs ?? 0) / 1000));
  const add = useAddAlertMutation();
  const update = useUpdateAlertMutation();
  const save = editing ? update : add;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const alert = { type, direction, trigger: Number(trigger), queue: queue.trim(), snoozeMs: Math.round(Number(snoozeS) * 1000) };
    if (editing) update.mutate({ projectId, queueName, alertId: editing.id, alert }, { onSuccess: onClose });
    else add.mutate({ projectId, queueName, alert }, { onSuccess: onClose });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <div className="grid gap-4 sm:grid-cols-2">
        <div>
          <label htmlFor="alert-type" className={labelStyles}>Type</label>
          <select id="alert-type" autoFocus className={`${inputStyles} mt-1`} value={type} onChange={(e) => setType(e.target.value as AlertType)}>
            <option value="fixed">Fixed: at the trigger</option>
            <option value="progressive">Progressive: at every multiple</option>
          </select>
        </div>
        <div>
          <label htmlFor="alert-direction" className={labelStyles}>Direction</label>
          <select id="alert-direction" className={`${inputStyles} mt-1`} value={direction} onChange={(e) => setDirection(e.target.value as AlertDirection)}>
            <option value="asc">Rising (asc)</option>
            <option value="desc">Falling (desc)</option>
          </select>
        </div>
        <div>
          <label htmlFor="alert-trigger" className={labelStyles}>Trigger (messages)</label>
          <input id="alert-trigger" type="number" min={1} required className={`${inputStyles} mt-1`} value={trigger} onChange={(e) => setTrigger(e.target.value)} />
          <p className={hintStyles}>The queue size that fires it; at least 1.</p>
        </div>
        <div>
          <label htmlFor="alert-snooze" className={labelStyles}>Snooze (seconds)</label>
          <input id="alert-snooze" type="number" min={0} required className={`${inputStyles} mt-1`} value={snoozeS} onChange={(e) => setSnoozeS(e.target.value)} />
          <p className={hintStyles}>Firings this soon after the last are dropped. 0 for none.</p>
        </div>
      </div>
      <div>
        <label htmlFor="alert-queue" className={labelStyles}>Target queue</label>
        <input id="alert-queue" required className={`${inputStyles} mt-1`} value={queue} onChange={(e) => setQueue(e.target.value)} placeholder="e.g. ops-alerts" />
        <p className={hintStyles}>Each firing posts one JSON message here; the queue is created at the first firing.</p>
      </div>
      {save.isError && <p role="alert" className="rounded-md border border-danger p-3 text-sm">{errorMessage(save.error)}</p>}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={save.isPending}>{save.isPending ? 'Saving…' : editing ? 'Save alert' : 'Add alert'}</button>
      </div>
    </form>
  );
}
