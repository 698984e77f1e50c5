'use client';
// The deliveries tab of a push queue (?tab=deliveries): what is being delivered, what failed and
// why, newest first — filtered by subscriber and status, paged by cursor, all in the URL
// (&subscriber=&status=&after=), and each message's drawer (&message=) with its live inspector.
// Delivered messages that left the queue stay listed until they expire.
import Form from 'next/form';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { MessageDrawer } from '@/components/messages/message-drawer';
import { EmptyState, ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { useDeliveriesQuery } from '@/lib/hud/push/use-deliveries-query';
import { useQueueQuery } from '@/lib/hud/queues/use-queue-query';
import { DELIVERY_STATUS_OPTIONS } from './delivery-status-badge';
import { DeliveryTable } from './delivery-table';

interface DeliveriesPanelProps {
  projectId: string;
  queueName: string;
  subscriber: string;
  status: string;
  after: string;
  openMessageId: string;
}

export function DeliveriesPanel({ projectId, queueName, subscriber, status, after, openMessageId }: DeliveriesPanelProps) {
  const router = useRouter();
  const queue = useQueueQuery(projectId, queueName);
  const deliveries = useDeliveriesQuery(projectId, queueName, { subscriber, status, after });
  const pageUrl = (query: { after?: string; message?: string }) => pagePaths.queue(projectId, queueName, { tab: 'deliveries', subscriber, status, ...query });
  const subscribers = queue.data?.push?.subscribers.map((s) => s.name || s.url) ?? [];
  const isFiltered = subscriber !== '' || status !== '';
  return (
    <div className="space-y-4">
      <Form action={pagePaths.queue(projectId, queueName)} className="flex flex-wrap items-end gap-3" role="search" aria-label="Filter deliveries">
        <input type="hidden" name="tab" value="deliveries" />
        <div>
          <label htmlFor="delivery-subscriber" className={labelStyles}>Subscriber</label>
          <select id="delivery-subscriber" name="subscriber" defaultValue={subscriber} className={`${inputStyles} mt-1 w-48`}>
            <option value="">All subscribers</option>
            {[...new Set([...subscribers, ...(subscriber ? [subscriber] : [])])].map((name) => <option key={name} value={name}>{name}</option>)}
          </select>
        </div>
        <div>
          <label htmlFor="delivery-status" className={labelStyles}>Status</label>
          <select id="delivery-status" name="status" defaultValue={status} className={`${inputStyles} mt-1 w-56`}>
            <option value="">Any status</option>
            {DELIVERY_STATUS_OPTIONS.map((option) => <option key={option.status} value={option.status}>{option.label}</option>)}
          </select>
        </div>
        <button type="submit" className={buttonStyles.secondary}>Filter</button>
        {isFiltered && <Link href={pagePaths.queue(projectId, queueName, { tab: 'deliveries' })} className={buttonStyles.secondary}>Clear filter</Link>}
      </Form>
      <p className="text-sm text-muted">
        Newest messages first. A delivered message stays listed until it expires (the queue’s message expiration), or until it is deleted or the queue cleared.
      </p>
      {deliveries.isPending && <SkeletonRows rows={5} label="Loading deliveries" />}
      {deliveries.isError && <ErrorNotice error={deliveries.error} onRetry={() => deliveries.refetch()} />}
      {deliveries.data?.deliveries.length === 0 && (
        <EmptyState title={isFiltered || after ? 'No matching deliveries' : 'No deliveries yet'}>
          <p>{isFiltered ? 'Nothing matches this filter right now.' : 'Each message posted to this queue is delivered to its subscribers; the deliveries show here.'}</p>
        </EmptyState>
      )}
      {deliveries.data && deliveries.data.deliveries.length > 0 && (
        <DeliveryTable
          deliveries={deliveries.data.deliveries}
          nowMs={deliveries.dataUpdatedAt}
          messageHref={(message) => pageUrl({ after, message })}
          reportHref={(report) => pagePaths.queue(projectId, report.queueName, { tab: 'messages', message: report.messageId })}
        />
      )}
      <nav aria-label="Delivery pages" className="flex gap-2">
        {after && <Link href={pageUrl({})} className={buttonStyles.secondary}>First page</Link>}
        {deliveries.data?.nextAfter && <Link href={pageUrl({ after: deliveries.data.nextAfter })} className={buttonStyles.secondary}>Next page</Link>}
      </nav>
      {openMessageId && (
        <MessageDrawer projectId={projectId} queueName={queueName} messageId={openMessageId} isPush onClose={() => router.push(pageUrl({ after }), { scroll: false })} />
      )}
    </div>
  );
}
