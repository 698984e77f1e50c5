'use client';
// The queue's overview tab: live counters by state and a summary of its settings, with the
// webhook URL that turns any HTTP POST into a message.
import { CodeBlock } from '@/components/ui/code-block';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { formatDateTime, formatDuration } from '@/lib/hud/format';
import { useQueueQuery } from '@/lib/hud/queues/use-queue-query';
import type { QueueDetail } from '@/lib/hud/types';
import { StatCard } from './stat-card';

export function webhookUrl(publicUrl: string, projectId: string, queueName: string): string {
  return `${publicUrl}/3/projects/${projectId}/queues/${encodeURIComponent(queueName)}/webhook?oauth=YOUR_TOKEN`;
}

export function QueueOverview({ projectId, queueName, publicUrl }: { projectId: string; queueName: string; publicUrl: string }) {
  const queue = useQueueQuery(projectId, queueName);
  if (queue.isPending) return <SkeletonRows rows={3} label="Loading queue" />;
  if (queue.isError) return <ErrorNotice error={queue.error} onRetry={() => queue.refetch()} />;
  const { data } = queue;
  return (
    <div className="space-y-8">
      <section aria-labelledby="counters-heading">
        <h2 id="counters-heading" className="sr-only">Counters</h2>
        <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4">
          <StatCard label="Size" value={data.size} hint="Messages stored now, in any state" />
          <StatCard label="Reserved" value={data.counts.reserved} hint="Held by a consumer until timeout or delete" />
          <StatCard label="Delayed" value={data.counts.delayed} hint="Posted with a delay or released with one" />
          <StatCard label="Total messages" value={data.totalMessages} hint="Ever posted to this queue" />
        </dl>
      </section>
      <SettingsSummary queue={data} />
      <CodeBlock title="Webhook URL (POST any body to add it as a message)" code={webhookUrl(publicUrl, projectId, queueName)} />
    </div>
  );
}

function SettingsSummary({ queue }: { queue: QueueDetail }) {
  const rows: Array<[string, string]> = [
    ['Type', queue.type],
    ['Message timeout', formatDuration(queue.messageTimeoutMs)],
    ['Message expiration', formatDuration(queue.messageExpirationMs)],
    ['Dead-letter queue', queue.deadLetter ? `${queue.deadLetter.queueName} after ${queue.deadLetter.maxReservations} reservations` : 'None'],
    ['Created', formatDateTime(queue.createdAtMs)],
  ];
  if (queue.subscriberUrls.length > 0) rows.push(['Subscribers', queue.subscriberUrls.join('\n')]);
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
