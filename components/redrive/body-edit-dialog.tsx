'use client';
// Edits the body one selected message is redriven with; the message in this queue stays as it is
// until the redrive moves it.
import { useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { buttonStyles, inputStyles, labelStyles } from '@/components/ui/styles';

interface BodyEditDialogProps {
  editing: { messageId: string; body: string } | null;
  onSave: (messageId: string, body: string) => void;
  onClose: () => void;
}

export function BodyEditDialog({ editing, onSave, onClose }: BodyEditDialogProps) {
  return (
    <Dialog isOpen={editing !== null} onClose={onClose} title={`New body for message ${editing?.messageId ?? ''}`} isWide>
      {editing && <BodyEditForm editing={editing} onSave={onSave} onClose={onClose} />}
    </Dialog>
  );
}

function BodyEditForm({ editing, onSave, onClose }: BodyEditDialogProps & { editing: { messageId: string; body: string } }) {
  const [body, setBody] = useState(editing.body);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(editing.messageId, body);
    onClose();
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <div>
        <label htmlFor="redrive-body" className={labelStyles}>Body</label>
        <textarea id="redrive-body" rows={8} className={`${inputStyles} mt-1 font-mono`} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Cancel</button>
        <button type="submit" className={buttonStyles.primary}>Use this body</button>
      </div>
    </form>
  );
}
