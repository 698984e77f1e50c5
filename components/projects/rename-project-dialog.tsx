'use client';
// Renames a project; clients are unaffected because they use its id.
import { useState, type FormEvent } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { buttonStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import { useRenameProjectMutation } from '@/lib/hud/projects/use-rename-project-mutation';
import type { ProjectSummary } from '@/lib/hud/types';

export function RenameProjectDialog({ project, onClose }: { project: ProjectSummary | null; onClose: () => void }) {
  return (
    <Dialog isOpen={project !== null} onClose={onClose} title="Rename project">
      {project && <RenameProjectForm project={project} onClose={onClose} />}
    </Dialog>
  );
}

function RenameProjectForm({ project, onClose }: { project: ProjectSummary; onClose: () => void }) {
  const [name, setName] = useState(project.name);
  const rename = useRenameProjectMutation();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    rename.mutate({ projectId: project.id, name }, { onSuccess: onClose });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <div>
        <label htmlFor="project-new-name" className={labelStyles}>New name</label>
        <input id="project-new-name" className={`${inputStyles} mt-1`} value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} autoFocus />
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Cancel</button>
        <button type="submit" className={buttonStyles.primary} disabled={rename.isPending || name.trim() === ''}>
          {rename.isPending ? 'Saving…' : 'Rename'}
        </button>
      </div>
    </form>
  );
}
