'use client';
// The queue not-found page's way on: the project's queue list with its create dialog open
// (?create=1). A not-found page gets no params, so the project comes from the URL here.
import Link from 'next/link';
import { useParams } from 'next/navigation';
import { buttonStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';

export function CreateQueueLink() {
  const { projectId } = useParams<{ projectId?: string }>();
  if (!projectId) return null;
  return (
    <Link href={pagePaths.queues(decodeURIComponent(projectId), { create: '1' })} className={buttonStyles.primary}>
      Create a queue
    </Link>
  );
}
