'use client';
// Deletes a project with all its queues, messages and tokens, once its name is typed.
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useDeleteProjectMutation } from '@/lib/hud/projects/use-delete-project-mutation';
import type { ProjectSummary } from '@/lib/hud/types';

export function DeleteProjectDialog({ project, onClose }: { project: ProjectSummary | null; onClose: () => void }) {
  const remove = useDeleteProjectMutation();
  return (
    <ConfirmDialog
      isOpen={project !== null}
      onClose={onClose}
      title="Delete project"
      confirmLabel="Delete project"
      confirmText={project?.name}
      isPending={remove.isPending}
      onConfirm={() => project && remove.mutate({ projectId: project.id, name: project.name }, { onSuccess: onClose })}
    >
      <p>
        This deletes <strong className="[overflow-wrap:anywhere]">{project?.name}</strong> with its {project?.queueCount} queue(s), every
        message in them and all its API tokens. Clients using this project stop working. This cannot be undone.
      </p>
    </ConfirmDialog>
  );
}
