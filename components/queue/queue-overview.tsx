'use client';
// The queue's overview tab: links to its dead-letter and error queues (and from their sources),
// live counters by state, live rates, history charts for the range in the URL (alert triggers
// drawn on the size chart), and a summary of its settings with the webhook URL that turns any
// HTTP POST into a message.
import { QueueRelationBadges } from '@/components/queues/queue-relation-badges';
import { CodeBlock } from '@/components/ui/code-block';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { formatDateTime, formatDuration, formatRate } from '@/lib/hud/format';
import { useQueueHistoryQuery } from '@/lib/hud/queues/use-queue-history-query';
import { useQueueQuery } from '@/lib/hud/queues/use-queue-query';
import type { HistoryRange, QueueDetail } from '@/lib/hud/types';
import { QueueHistoryCharts } from './queue-history-charts';
import { StatCard } from './stat-card';

export function webhookUrl(publicUrl: string, projectId: string, queueName: string): string {
  return `${publicUrl}/3/projects/${projectId}/queues/${encodeURIComponent(queueName)}/webhook?oauth=YOUR_TOKEN`;
}

interface QueueOverviewProps {
  projectId: string;
  queueName: string;
  publicUrl: string;
  range: HistoryRange;
}

export function QueueOverview({ projectId, queueName, publicUrl, range }: QueueOverviewProps) {
  const queue = useQueueQuery(projectId, queueName);
  if (queue.isError) return <ErrorNotice error={queue.error} onRetry={() => queue.refetch()} />;
  const { data } = queue;
  return (
    <div className="space-y-6 sm:space-y-8">
      {data && <QueueRelationBadges projectId={projectId} relations={data.relations} />}
      <section aria-labelledby="counters-heading">
        <h2 id="counters-heading" className="sr-only">Counters</h2>
        <dl className="grid grid-cols-2 gap-2 sm:gap-4 lg:grid-cols-4">
          <StatCard label="Size" value={data?.size} hint="Messages stored now, in any state" />
          <StatCard label="Reserved" value={data?.counts.reserved} hint="Held by a consumer until timeout or delete" />
          <StatCard label="Delayed" value={data?.counts.delayed} hint="Posted with a delay or released with one" />
          <StatCard label="Total messages" value={data?.totalMessages} hint="Ever posted to this queue" />
        </dl>
        <RateCards projectId={projectId} queueName={queueName} />
      </section>
      <QueueHistoryCharts projectId={projectId} queueName={queueName} range={range} alerts={data?.alerts} />
      {data ? <SettingsSummary queue={data} /> : <SkeletonRows rows={3} label="Loading settings" />}
      <CodeBlock title="Webhook URL (POST any body to add it as a message)" code={webhookUrl(publicUrl, projectId, queueName)} />
    </div>
  );
}

/** Always the live range's recent rates, whichever range the charts show; it shares their query when that is live. */
function RateCards({ projectId, queueName }: { projectId: string; queueName: string }) {
  const live = useQueueHistoryQuery(projectId, queueName, 'live');
  const rate = (key: 'posted' | 'reserved' | 'removed') => (live.isError ? '–' : live.data && formatRate(live.data.recent[key]));
  return (
    <dl className="mt-2 grid grid-cols-3 gap-2 sm:mt-4 sm:gap-4">
      <StatCard label="Post rate" value={rate('posted')} hint="Messages posted per second, last minute" />
      <StatCard label="Reserve rate" value={rate('reserved')} hint="Messages reserved per second, last minute" />
      <StatCard label="Delete rate" value={rate('removed')} hint="Deleted, cleared or expired per second, last minute" />
    </dl>
  );
}

function SettingsSummary({ queue }: { queue: QueueDetail }) {
  const rows: Array<[string, string]> = [
    ['Type', queue.type],
    ['Message timeout', formatDuration(queue.messageTimeoutMs)],
    ['Message expiration', formatDuration(queue.messageExpirationMs)],
    ...(queue.type === 'pull' ? [['Dead-letter queue', queue.deadLetter ? `${queue.deadLetter.queueName} after ${queue.deadLetter.maxReservations} reservations` : 'None'] as [string, string]] : []),
    ['Created', formatDateTime(queue.createdAtMs)],
  ];
  if (queue.push) {
    rows.push(['Subscribers', queue.push.subscribers.map((s) => (s.name ? `${s.name}: ${s.url}` : s.url)).join('\n')]);
    rows.push(['Retries', `${queue.push.retries} attempts, ${formatDuration(queue.push.retriesDelayMs)} apart`]);
    rows.push(['Error queue', queue.push.errorQueue || 'None']);
  }
  if (queue.alerts.length > 0) rows.push(['Alerts', `${queue.alerts.length} (see the Alerts tab)`]);
  return (
    <section aria-labelledby="settings-summary-heading">
      <h2 id="settings-summary-heading" className="text-lg font-semibold">Settings</h2>
      <dl className="mt-2 grid gap-x-6 gap-y-2 text-sm sm:grid-cols-[max-content_1fr]">
        {rows.map(([label, value]) => (
          <div key={label} className="contents">
            <dt className="text-muted">{label}</dt>
            <dd className="whitespace-pre-wrap [overflow-wrap:anywhere]">{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
