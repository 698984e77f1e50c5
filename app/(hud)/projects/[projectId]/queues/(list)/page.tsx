// A project's queues; the prefix filter, the page cursor and an open create dialog live in the
// URL (?prefix=&after=&create=1).
import type { Metadata } from 'next';
import { QueuesPanel } from '@/components/queues/queues-panel';
import { getProjectOrNotFound } from '@/lib/bff/page-access';
import { requestPublicUrl } from '@/lib/bff/public-url';

export const metadata: Metadata = { title: 'Queues · Ferro HUD' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export default async function QueuesPage({ params, searchParams }: { params: Promise<{ projectId: string }>; searchParams: SearchParams }) {
  const project = await getProjectOrNotFound((await params).projectId);
  const query = await searchParams;
  return (
    <>
      <h1 className="text-xl font-semibold">Queues</h1>
      <QueuesPanel projectId={project.id} publicUrl={await requestPublicUrl()} prefix={single(query.prefix)} after={single(query.after)} isCreateRequested={single(query.create) === '1'} />
    </>
  );
}
