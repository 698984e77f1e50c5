'use client';
// The project list screen: live totals per project, a create dialog, and rename/delete per row.
import { useState } from 'react';
import { EmptyState, ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles } from '@/components/ui/styles';
import { useProjectsQuery } from '@/lib/hud/projects/use-projects-query';
import { CreateProjectDialog } from './create-project-dialog';
import { ProjectTable } from './project-table';

export function ProjectsPanel() {
  const projects = useProjectsQuery();
  const [isCreating, setCreating] = useState(false);

  return (
    <div className="mt-4 space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-muted">Each project is a namespace of queues with its own API tokens.</p>
        <button type="button" className={buttonStyles.primary} onClick={() => setCreating(true)}>
          New project
        </button>
      </div>
      {projects.isPending && <SkeletonRows rows={3} label="Loading projects" />}
      {projects.isError && <ErrorNotice error={projects.error} onRetry={() => projects.refetch()} />}
      {projects.data?.length === 0 && (
        <EmptyState title="No projects yet">
          <p>
            A project groups queues. IronMQ clients address it by its 24-character project id and authenticate with one of
            its API tokens. Create a project, then an API token for it, and point a client at this server.
          </p>
        </EmptyState>
      )}
      {projects.data && projects.data.length > 0 && <ProjectTable projects={projects.data} />}
      <CreateProjectDialog isOpen={isCreating} onClose={() => setCreating(false)} />
    </div>
  );
}
