'use client';
// Creates a token, then shows its secret and ready-made client settings exactly once: after this
// dialog closes, the secret exists only wherever the person pasted it.
import { useState, type FormEvent } from 'react';
import { CopyButton } from '@/components/ui/copy-button';
import { Dialog } from '@/components/ui/dialog';
import { buttonStyles, hintStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import { useCreateTokenMutation } from '@/lib/hud/tokens/use-create-token-mutation';
import type { CreatedTokenView } from '@/lib/hud/types';
import { ClientConfigSnippets } from './client-config-snippets';

interface CreateTokenDialogProps {
  projectId: string;
  publicUrl: string;
  isOpen: boolean;
  onClose: () => void;
}

export function CreateTokenDialog({ projectId, publicUrl, isOpen, onClose }: CreateTokenDialogProps) {
  const [created, setCreated] = useState<CreatedTokenView | null>(null);
  const close = () => {
    setCreated(null);
    onClose();
  };
  return (
    <Dialog isOpen={isOpen} onClose={close} title={created ? 'Copy your new token' : 'New API token'} isWide={created !== null}>
      {created ? (
        <TokenReveal created={created} projectId={projectId} publicUrl={publicUrl} onDone={close} />
      ) : (
        <CreateTokenForm projectId={projectId} onCreated={setCreated} onCancel={close} />
      )}
    </Dialog>
  );
}

function CreateTokenForm({ projectId, onCreated, onCancel }: { projectId: string; onCreated: (created: CreatedTokenView) => void; onCancel: () => void }) {
  const [name, setName] = useState('');
  const create = useCreateTokenMutation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ projectId, name }, { onSuccess: onCreated });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <div>
        <label htmlFor="token-name" className={labelStyles}>Name</label>
        <input id="token-name" className={`${inputStyles} mt-1`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />
        <p className={hintStyles}>Say where it will be used, e.g. “billing worker”, so you know what breaks if you revoke it.</p>
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onCancel}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={create.isPending || name.trim() === ''}>
          {create.isPending ? 'Creating…' : 'Create token'}
        </button>
      </div>
    </form>
  );
}

function TokenReveal({ created, projectId, publicUrl, onDone }: { created: CreatedTokenView; projectId: string; publicUrl: string; onDone: () => void }) {
  return (
    <div className="space-y-4">
      <p role="alert" className="rounded-md border border-warn p-3 text-sm">
        This is the only time the token is shown. Copy it now; Ferro keeps only a hash of it.
      </p>
      <div>
        <label htmlFor="token-secret" className={labelStyles}>Token “{created.token.name}”</label>
        <div className="mt-1 flex gap-2">
          <input id="token-secret" readOnly value={created.secret} className={`${inputStyles} font-mono`} onFocus={(e) => e.currentTarget.select()} />
          <CopyButton value={created.secret} label="Copy token" />
        </div>
      </div>
      <ClientConfigSnippets projectId={projectId} token={created.secret} publicUrl={publicUrl} />
      <div className="flex justify-end">
        <button type="button" className={buttonStyles.primary} onClick={onDone}>I have copied it</button>
      </div>
    </div>
  );
}
