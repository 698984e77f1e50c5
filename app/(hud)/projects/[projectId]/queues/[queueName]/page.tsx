// One queue, with its view in the URL: ?tab=overview|messages|deliveries|subscribers|alerts|redrive|
// settings, the charts' range (?range=live|1h|24h|7d), cursors (?after=), the open message
// (?message=), the delivery filter (?subscriber=&status=) and the redrive in focus (?job=), so a
// pasted link reproduces the screen. Push queues have deliveries and subscribers; pull queues
// alerts, and a redrive tab when they are some queue's dead-letter or error queue.
import type { Metadata } from 'next';
import { AlertsPanel } from '@/components/alerts/alerts-panel';
import { QueueMessagesPanel } from '@/components/messages/queue-messages-panel';
import { DeliveriesPanel } from '@/components/push/deliveries-panel';
import { SubscribersPanel } from '@/components/push/subscribers-panel';
import { QueueOverview } from '@/components/queue/queue-overview';
import { QueueSettingsPanel } from '@/components/queue/queue-settings-panel';
import { QueueTabs } from '@/components/queue/queue-tabs';
import { RedrivePanel } from '@/components/redrive/redrive-panel';
import { queueNameParam } from '@/lib/bff/page-access';
import { requestPublicUrl } from '@/lib/bff/public-url';
import type { QueueTab } from '@/lib/hud/api-paths';
import { DEFAULT_HISTORY_RANGE, isHistoryRange } from '@/lib/hud/history-ranges';
import { getRuntimeOrThrow } from '@/lib/runtime-access';

export const metadata: Metadata = { title: 'Queue · Ferro HUD' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

/** The tabs of a queue; the layout has already answered a missing queue with the not-found page. */
async function tabsOf(projectId: string, queueName: string, requested: string): Promise<QueueTab[]> {
  const { engine } = getRuntimeOrThrow();
  const queue = await engine.findQueue(projectId, queueName);
  if (queue && queue.type !== 'pull') return ['overview', 'messages', 'deliveries', 'subscribers', 'settings'];
  const isFailureTarget = (await engine.inspection.queueSources(projectId, [queueName])).length > 0;
  return ['overview', 'messages', 'alerts', ...(isFailureTarget || requested === 'redrive' ? ['redrive' as const] : []), 'settings'];
}

export default async function QueuePage({ params, searchParams }: { params: Promise<{ projectId: string; queueName: string }>; searchParams: SearchParams }) {
  const { projectId, queueName: rawName } = await params;
  const queueName = queueNameParam(rawName);
  const query = await searchParams;
  const tabs = await tabsOf(projectId, queueName, single(query.tab));
  const tab = tabs.find((candidate) => candidate === single(query.tab)) ?? 'overview';
  const range = isHistoryRange(single(query.range)) ? (single(query.range) as typeof DEFAULT_HISTORY_RANGE) : DEFAULT_HISTORY_RANGE;
  const common = { projectId, queueName };
  return (
    <>
      <QueueTabs {...common} tabs={tabs} current={tab} />
      <div className="mt-6">
        {tab === 'overview' && <QueueOverview {...common} publicUrl={await requestPublicUrl()} range={range} />}
        {tab === 'messages' && <QueueMessagesPanel {...common} after={single(query.after)} openMessageId={single(query.message)} />}
        {tab === 'deliveries' && (
          <DeliveriesPanel {...common} subscriber={single(query.subscriber)} status={single(query.status)} after={single(query.after)} openMessageId={single(query.message)} />
        )}
        {tab === 'subscribers' && <SubscribersPanel {...common} />}
        {tab === 'alerts' && <AlertsPanel {...common} range={range} />}
        {tab === 'redrive' && <RedrivePanel {...common} focusedJobId={single(query.job)} after={single(query.after)} />}
        {tab === 'settings' && <QueueSettingsPanel {...common} />}
      </div>
    </>
  );
}
