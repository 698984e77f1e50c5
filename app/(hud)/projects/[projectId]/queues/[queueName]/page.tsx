// One queue, with its view in the URL: ?tab=overview|messages|settings, the overview's chart range
// (?range=live|1h|24h|7d), and the messages tab's cursor (?after=) and open message (?message=),
// so a pasted link reproduces the screen.
import type { Metadata } from 'next';
import { QueueMessagesPanel } from '@/components/messages/queue-messages-panel';
import { QueueOverview } from '@/components/queue/queue-overview';
import { QueueSettingsPanel } from '@/components/queue/queue-settings-panel';
import { QueueTabs } from '@/components/queue/queue-tabs';
import { queueNameParam } from '@/lib/bff/page-access';
import { requestPublicUrl } from '@/lib/bff/public-url';
import type { QueueTab } from '@/lib/hud/api-paths';
import { DEFAULT_HISTORY_RANGE, isHistoryRange } from '@/lib/hud/history-ranges';

export const metadata: Metadata = { title: 'Queue · Ferro HUD' };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';
const TABS: QueueTab[] = ['overview', 'messages', 'settings'];

export default async function QueuePage({ params, searchParams }: { params: Promise<{ projectId: string; queueName: string }>; searchParams: SearchParams }) {
  const { projectId, queueName: rawName } = await params;
  const queueName = queueNameParam(rawName);
  const query = await searchParams;
  const tab = TABS.find((candidate) => candidate === single(query.tab)) ?? 'overview';
  const range = single(query.range);
  return (
    <>
      <QueueTabs projectId={projectId} queueName={queueName} current={tab} />
      <div className="mt-6">
        {tab === 'overview' && (
          <QueueOverview
            projectId={projectId}
            queueName={queueName}
            publicUrl={await requestPublicUrl()}
            range={isHistoryRange(range) ? range : DEFAULT_HISTORY_RANGE}
          />
        )}
        {tab === 'messages' && (
          <QueueMessagesPanel projectId={projectId} queueName={queueName} after={single(query.after)} openMessageId={single(query.message)} />
        )}
        {tab === 'settings' && <QueueSettingsPanel projectId={projectId} queueName={queueName} />}
      </div>
    </>
  );
}
