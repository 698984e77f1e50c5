'use client';
// The alert messages this queue's alerts posted lately, read from their target queues without
// consuming them: when each fired, which alert, and the size it saw.
import Link from 'next/link';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { linkStyles } from '@/components/ui/styles';
import { useAlertMessagesQuery } from '@/lib/hud/alerts/use-alert-messages-query';
import { pagePaths } from '@/lib/hud/api-paths';
import { formatDateTime } from '@/lib/hud/format';

export function RecentAlerts({ projectId, queueName }: { projectId: string; queueName: string }) {
  const firings = useAlertMessagesQuery(projectId, queueName);
  return (
    <section aria-labelledby="recent-alerts-heading" className="rounded-lg border border-line p-4">
      <h3 id="recent-alerts-heading" className="text-sm font-medium">Recent alert messages</h3>
      {firings.isPending && <SkeletonRows rows={2} label="Loading alert messages" />}
      {firings.isError && <ErrorNotice error={firings.error} onRetry={() => firings.refetch()} />}
      {firings.data?.firings.length === 0 && <p className="mt-2 text-sm text-muted">None in the target queues: no alert has fired lately, or its messages were consumed.</p>}
      <ol className="mt-2 space-y-2 text-sm">
        {firings.data?.firings.map((firing) => (
          <li key={firing.messageId} data-testid="alert-firing" className="border-t border-line pt-2 first:border-0 first:pt-0">
            <span className="font-medium">{`${firing.type} ${firing.direction === 'asc' ? 'rising' : 'falling'} ${firing.trigger}`}</span>: size {firing.queueSize}
            <span className="block text-xs text-muted">
              {formatDateTime(firing.firedAtMs)} in{' '}
              <Link href={pagePaths.queue(projectId, firing.targetQueue, { tab: 'messages', message: firing.messageId })} className={linkStyles}>{firing.targetQueue}</Link>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
