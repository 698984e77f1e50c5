'use client';
// Confirmation for destructive actions. With `confirmText`, the button stays disabled until the
// person types that exact text (the project's or queue's name), so a slip of the mouse deletes nothing.
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { errorMessage } from '@/lib/hud/fetch-json';
import { Dialog } from './dialog';
import { buttonStyles, inputStyles, labelStyles } from './styles';

interface ConfirmDialogProps {
  isOpen: boolean;
  onClose: () => void;
  onConfirm: () => void;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  isPending?: boolean;
  confirmText?: string;
  /** A failure to show in the dialog, where the person is looking (a toast would sit behind it). */
  error?: unknown;
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  return (
    <Dialog isOpen={props.isOpen} onClose={props.onClose} title={props.title}>
      <ConfirmForm {...props} />
    </Dialog>
  );
}

function ConfirmForm({ onClose, onConfirm, children, confirmLabel, isPending = false, confirmText, error }: ConfirmDialogProps) {
  const [typed, setTyped] = useState('');
  const inputId = useId();
  const isConfirmed = confirmText === undefined || typed === confirmText;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (isConfirmed && !isPending) onConfirm();
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <div className="text-sm">{children}</div>
      {confirmText !== undefined && (
        <div>
          <label htmlFor={inputId} className={labelStyles}>
            Type <span className="font-mono font-semibold">{confirmText}</span> to confirm
          </label>
          <input
            id={inputId}
            className={`${inputStyles} mt-1`}
            value={typed}
            onChange={(event) => setTyped(event.target.value)}
            autoComplete="off"
            autoFocus
          />
        </div>
      )}
      {error !== undefined && error !== null && (
        <p role="alert" className="rounded-md border border-danger p-3 text-sm">{errorMessage(error)}</p>
      )}
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>
          Cancel
        </button>
        <button type="submit" className={buttonStyles.danger} disabled={!isConfirmed || isPending}>
          {isPending ? 'Working…' : confirmLabel}
        </button>
      </div>
    </form>
  );
}
