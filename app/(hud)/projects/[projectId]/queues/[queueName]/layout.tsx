// A queue's frame: breadcrumb and name. The existence check lives here, outside any loading
// boundary, so an unknown queue answers with the not-found page and HTTP 404.
import Link from 'next/link';
import { notFound } from 'next/navigation';
import type { ReactNode } from 'react';
import { QueueTypeBadge } from '@/components/queues/queue-type-badge';
import { getProjectOrNotFound, queueNameParam } from '@/lib/bff/page-access';
import { pagePaths } from '@/lib/hud/api-paths';
import { getRuntimeOrThrow } from '@/lib/runtime-access';

type Params = Promise<{ projectId: string; queueName: string }>;

export default async function QueueLayout({ children, params }: { children: ReactNode; params: Params }) {
  const { projectId, queueName } = await params;
  const project = await getProjectOrNotFound(projectId);
  const queue = await getRuntimeOrThrow().engine.findQueue(project.id, queueNameParam(queueName));
  if (!queue) notFound();
  return (
    <>
      <nav aria-label="Queue breadcrumb" className="text-sm text-muted">
        <Link href={pagePaths.queues(project.id)} className="hover:underline">Queues</Link>
      </nav>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold [overflow-wrap:anywhere]">{queue.name}</h1>
        <QueueTypeBadge type={queue.type} />
      </div>
      {children}
    </>
  );
}
