'use client';
// The queue list screen: prefix filter and cursor paging (both in the URL), live counters, the
// page's sparklines in one request beside the list's own, create dialog (open on ?create=1), and
// clear/delete per row.
import Form from 'next/form';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useMemo, useState } from 'react';
import { EmptyState, ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { useQueueSparklinesQuery } from '@/lib/hud/queues/use-queue-sparklines-query';
import { useQueuesQuery } from '@/lib/hud/queues/use-queues-query';
import { CreateQueueDialog } from './create-queue-dialog';
import { CurlExample } from './curl-example';
import { QueueTable } from './queue-table';

interface QueuesPanelProps {
  projectId: string;
  publicUrl: string;
  prefix: string;
  after: string;
  isCreateRequested: boolean;
}

export function QueuesPanel({ projectId, publicUrl, prefix, after, isCreateRequested }: QueuesPanelProps) {
  const router = useRouter();
  const queues = useQueuesQuery(projectId, prefix, after);
  const sparklineQuery = useQueueSparklinesQuery(projectId, prefix, after);
  // A failed sparkline fetch leaves dashes, not endless placeholders; the list itself is unaffected.
  const sparklines = useMemo(
    () => (sparklineQuery.isError ? new Map<string, number[]>() : sparklineQuery.data && new Map(sparklineQuery.data.sparklines.map(({ name, sizes }) => [name, sizes]))),
    [sparklineQuery.data, sparklineQuery.isError],
  );
  const [isCreating, setCreating] = useState(isCreateRequested);
  // Closing drops ?create=1 so a reload or a pasted link does not reopen the dialog.
  const closeCreate = () => {
    setCreating(false);
    if (isCreateRequested) router.replace(pagePaths.queues(projectId, { prefix, after }), { scroll: false });
  };
  const isEmpty = queues.data?.queues.length === 0;
  return (
    <div className="mt-2 space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <Form action={pagePaths.queues(projectId)} className="flex items-end gap-2" role="search">
          <div>
            <label htmlFor="queue-prefix" className={labelStyles}>Filter by name prefix</label>
            <input id="queue-prefix" name="prefix" defaultValue={prefix} className={`${inputStyles} mt-1 w-56`} />
          </div>
          <button type="submit" className={buttonStyles.secondary}>Filter</button>
          {prefix && <Link href={pagePaths.queues(projectId)} className={buttonStyles.secondary}>Clear filter</Link>}
        </Form>
        <button type="button" className={buttonStyles.primary} onClick={() => setCreating(true)}>New queue</button>
      </div>
      {queues.isPending && <SkeletonRows rows={4} label="Loading queues" />}
      {queues.isError && <ErrorNotice error={queues.error} onRetry={() => queues.refetch()} />}
      {isEmpty && !prefix && !after && (
        <EmptyState title="No queues yet">
          <p>Create a queue here, or just post a message: IronMQ creates a pull queue on its first message.</p>
          <div className="mt-4 text-left">
            <CurlExample publicUrl={publicUrl} projectId={projectId} queueName="my_queue" />
          </div>
        </EmptyState>
      )}
      {isEmpty && (prefix || after) && (
        <EmptyState title="No matching queues">
          <p>No queue names start with “{prefix}”{after ? ' on this page' : ''}.</p>
        </EmptyState>
      )}
      {queues.data && !isEmpty && <QueueTable projectId={projectId} queues={queues.data.queues} sparklines={sparklines} />}
      <nav aria-label="Queue pages" className="flex gap-2">
        {after && <Link href={pagePaths.queues(projectId, { prefix })} className={buttonStyles.secondary}>First page</Link>}
        {queues.data?.nextAfter && (
          <Link href={pagePaths.queues(projectId, { prefix, after: queues.data.nextAfter })} className={buttonStyles.secondary}>Next page</Link>
        )}
      </nav>
      <CreateQueueDialog projectId={projectId} isOpen={isCreating} onClose={closeCreate} />
    </div>
  );
}
