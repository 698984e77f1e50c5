// A project's frame: its name and id, and the tabs between its queues and API tokens. The grant
// check here answers a project the user may not see with the not-found page (HTTP 404).
import Link from 'next/link';
import type { ReactNode } from 'react';
import { ProjectNav } from '@/components/layout/project-nav';
import { CopyButton } from '@/components/ui/copy-button';
import { getProjectOrNotFound } from '@/lib/bff/page-access';

export default async function ProjectLayout({ children, params }: { children: ReactNode; params: Promise<{ projectId: string }> }) {
  const project = await getProjectOrNotFound((await params).projectId);
  return (
    <>
      <nav aria-label="Breadcrumb" className="text-sm text-muted">
        <Link href="/projects" className="hover:underline">Projects</Link>
      </nav>
      <div className="mt-1 flex flex-wrap items-center gap-x-4 gap-y-2">
        <p className="text-2xl font-bold tracking-tight [overflow-wrap:anywhere]">{project.name}</p>
        <span className="flex items-center gap-2 text-sm text-muted">
          Project id <code className="font-mono text-foreground">{project.id}</code>
          <CopyButton value={project.id} label="Copy project id" />
        </span>
      </div>
      <ProjectNav projectId={project.id} />
      <div className="mt-6">{children}</div>
    </>
  );
}
