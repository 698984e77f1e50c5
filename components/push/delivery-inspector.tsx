'use client';
// A push message's deliveries, one card per subscriber, in its drawer: status, last status code,
// tries and tries left, last and next try, why the last attempt failed (the address policy's
// refusal included) and a link to the error-queue report. Refreshed every second until every
// delivery has settled.
import Link from 'next/link';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { linkStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { formatDateTime, formatRelative } from '@/lib/hud/format';
import { isSettled, useMessageDeliveriesQuery } from '@/lib/hud/push/use-message-deliveries-query';
import type { DeliveryView } from '@/lib/hud/types';
import { DeliveryStatusBadge } from './delivery-status-badge';

interface DeliveryInspectorProps {
  projectId: string;
  queueName: string;
  messageId: string;
}

export function DeliveryInspector({ projectId, queueName, messageId }: DeliveryInspectorProps) {
  const deliveries = useMessageDeliveriesQuery(projectId, queueName, messageId);
  const list = deliveries.data?.deliveries;
  return (
    <section aria-labelledby="deliveries-heading" className="space-y-3">
      <h3 id="deliveries-heading" className="text-sm font-semibold">
        Deliveries{list && list.length > 0 ? (list.every(isSettled) ? ' (settled)' : ' (live)') : ''}
      </h3>
      {deliveries.isPending && <SkeletonRows rows={2} label="Loading deliveries" />}
      {deliveries.isError && <ErrorNotice error={deliveries.error} onRetry={() => deliveries.refetch()} />}
      {list?.length === 0 && <p className="text-sm text-muted">No deliveries: the queue had no subscribers left for this message.</p>}
      <ul className="space-y-3">
        {list?.map((delivery) => (
          <li key={delivery.subscriberName} data-testid="delivery-card" className="rounded-md border border-line p-3">
            <DeliveryCard projectId={projectId} delivery={delivery} nowMs={deliveries.dataUpdatedAt} />
          </li>
        ))}
      </ul>
    </section>
  );
}

function nextTryText(delivery: DeliveryView, nowMs: number): string {
  if (delivery.nextTryAtMs === null) return '–';
  const when = `${formatDateTime(delivery.nextTryAtMs)} (${formatRelative(delivery.nextTryAtMs, nowMs)})`;
  if (delivery.isInFlight) return `attempt under way, counted as failed if no outcome by ${when}`;
  if (delivery.status === 'reserved') return `acknowledgement due by ${when}`;
  return when;
}

function DeliveryCard({ projectId, delivery, nowMs }: { projectId: string; delivery: DeliveryView; nowMs: number }) {
  const facts: Array<[string, React.ReactNode]> = [
    ['Status', <DeliveryStatusBadge key="status" delivery={delivery} />],
    ['Last status code', delivery.tries === 0 ? '–' : delivery.statusCode === 0 ? 'no answer' : delivery.statusCode],
    ['Tries', `${delivery.tries} (${delivery.retriesRemaining} left)`],
    ['Last try', delivery.lastTryAtMs === null ? '–' : formatDateTime(delivery.lastTryAtMs)],
    ['Next try', nextTryText(delivery, nowMs)],
  ];
  if (delivery.errorMessage) facts.push(['Failure', <span key="why" className="[overflow-wrap:anywhere]">{delivery.errorMessage}</span>]);
  if (delivery.errorReport) {
    const { queueName, messageId } = delivery.errorReport;
    facts.push([
      'Error report',
      <Link key="report" href={pagePaths.queue(projectId, queueName, { tab: 'messages', message: messageId })} className={linkStyles}>
        {queueName} · message {messageId}
      </Link>,
    ]);
  }
  return (
    <>
      <p className="text-sm [overflow-wrap:anywhere]">
        <span className="font-medium">{delivery.subscriberName}</span>
        {delivery.url !== delivery.subscriberName && <span className="ml-2 text-muted">{delivery.url}</span>}
      </p>
      <dl className="mt-2 grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 text-sm">
        {facts.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}
