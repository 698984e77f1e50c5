// A project's home is its queue list.
import { redirect } from 'next/navigation';
import { pagePaths } from '@/lib/hud/api-paths';

export default async function ProjectPage({ params }: { params: Promise<{ projectId: string }> }) {
  redirect(pagePaths.queues((await params).projectId));
}
