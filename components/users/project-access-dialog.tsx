'use client';
// Which projects a non-admin user may see: one checkbox per project, each change saved at once.
import { useState } from 'react';
import { Dialog } from '@/components/ui/dialog';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles } from '@/components/ui/styles';
import { useProjectsQuery } from '@/lib/hud/projects/use-projects-query';
import type { UserView } from '@/lib/hud/types';
import { useGrantProjectMutation } from '@/lib/hud/users/use-grant-project-mutation';
import { useRevokeProjectMutation } from '@/lib/hud/users/use-revoke-project-mutation';

export function ProjectAccessDialog({ user, onClose }: { user: UserView | null; onClose: () => void }) {
  return (
    <Dialog isOpen={user !== null} onClose={onClose} title="Project access">
      {user && <ProjectAccessForm user={user} onClose={onClose} />}
    </Dialog>
  );
}

function ProjectAccessForm({ user, onClose }: { user: UserView; onClose: () => void }) {
  const projects = useProjectsQuery();
  const grant = useGrantProjectMutation();
  const revoke = useRevokeProjectMutation();
  // The box shows the change at once and until the refetched user agrees, or reverts on failure.
  const [saving, setSaving] = useState<{ projectId: string; isGranted: boolean } | null>(null);
  const isSaving = saving !== null;
  const isChecked = (projectId: string) => (saving?.projectId === projectId ? saving.isGranted : user.projectIds.includes(projectId));
  const toggle = (projectId: string, projectName: string, isGranted: boolean) => {
    const variables = { projectId, projectName, userId: user.id, email: user.email };
    setSaving({ projectId, isGranted });
    (isGranted ? grant : revoke).mutate(variables, { onSettled: () => setSaving(null) });
  };
  return (
    <div className="space-y-4">
      {projects.isPending && <SkeletonRows rows={2} label="Loading projects" />}
      {projects.isError && <ErrorNotice error={projects.error} onRetry={() => projects.refetch()} />}
      {projects.data && (
        <fieldset className="space-y-2" aria-busy={isSaving}>
          <legend className="text-sm">
            Projects <strong className="[overflow-wrap:anywhere]">{user.email}</strong> can see. Removing one answers their next request to it with “not found”.
          </legend>
          {projects.data.length === 0 && <p className="text-sm text-muted">There are no projects yet.</p>}
          {projects.data.map((project) => (
            <div key={project.id} className="flex items-center gap-2">
              <input
                id={`access-${project.id}`}
                type="checkbox"
                checked={isChecked(project.id)}
                disabled={isSaving}
                onChange={(e) => toggle(project.id, project.name, e.target.checked)}
              />
              <label htmlFor={`access-${project.id}`} className="text-sm [overflow-wrap:anywhere]">{project.name}</label>
              <code className="font-mono text-xs text-muted">{project.id}</code>
            </div>
          ))}
        </fieldset>
      )}
      <div className="flex justify-end">
        <button type="button" className={buttonStyles.secondary} onClick={onClose}>Done</button>
      </div>
    </div>
  );
}
