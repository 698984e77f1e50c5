'use client';
// Creates a project from a name; the server picks its id.
import { useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { buttonStyles, hintStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import { useCreateProjectMutation } from '@/lib/hud/projects/use-create-project-mutation';

export function CreateProjectDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  return (
    <Dialog isOpen={isOpen} onClose={onClose} title="New project">
      <CreateProjectForm onClose={onClose} />
    </Dialog>
  );
}

function CreateProjectForm({ onClose }: { onClose: () => void }) {
  const [name, setName] = useState('');
  const create = useCreateProjectMutation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate({ name }, { onSuccess: onClose });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <div>
        <label htmlFor="project-name" className={labelStyles}>Name</label>
        <input id="project-name" className={`${inputStyles} mt-1`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />
        <p className={hintStyles}>1 to 100 characters. You can rename it later; its id never changes.</p>
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={create.isPending || name.trim() === ''}>
          {create.isPending ? 'Creating…' : 'Create project'}
        </button>
      </div>
    </form>
  );
}
