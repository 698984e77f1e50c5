'use client';
// The message drawer, opened by ?message=<id>: id, state, times, the body raw and pretty, a push
// message's deliveries per subscriber, and the actions. Closing it (Escape, ×, or after delete)
// removes the parameter from the URL.
import { DeliveryInspector } from '@/components/push/delivery-inspector';
import { Dialog } from '@/components/ui/dialog';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { HudApiError } from '@/lib/hud/fetch-json';
import { formatDateTime, formatRelative } from '@/lib/hud/format';
import { useMessageQuery } from '@/lib/hud/messages/use-message-query';
import type { MessageView } from '@/lib/hud/types';
import { MessageActions } from './message-actions';
import { MessageBody } from './message-body';
import { MessageStateBadge, PushStateBadge } from './message-state-badge';

interface MessageDrawerProps {
  projectId: string;
  queueName: string;
  messageId: string;
  /** A push queue's message: its state is its deliveries', per subscriber. */
  isPush: boolean;
  onClose: () => void;
}

export function MessageDrawer({ projectId, queueName, messageId, isPush, onClose }: MessageDrawerProps) {
  const message = useMessageQuery(projectId, queueName, messageId);
  const isGone = message.error instanceof HudApiError && message.error.status === 404;
  return (
    <Dialog isOpen onClose={onClose} title={`Message ${messageId}`} isDrawer>
      {message.isPending && <SkeletonRows rows={4} label="Loading message" />}
      {isGone && <p role="status">This message no longer exists: it was deleted, consumed or it expired.</p>}
      {message.isError && !isGone && <ErrorNotice error={message.error} onRetry={() => message.refetch()} />}
      {message.data && (
        <div className="space-y-6">
          {isPush ? <PushMessageFacts message={message.data} nowMs={message.dataUpdatedAt} /> : <MessageFacts message={message.data} nowMs={message.dataUpdatedAt} />}
          {isPush && <DeliveryInspector projectId={projectId} queueName={queueName} messageId={messageId} />}
          <MessageBody body={message.data.body} />
          <MessageActions projectId={projectId} queueName={queueName} message={message.data} isPush={isPush} onDeleted={onClose} />
        </div>
      )}
    </Dialog>
  );
}

function MessageFacts({ message, nowMs }: { message: MessageView; nowMs: number }) {
  const due = message.dueAtMs === null ? 'Now' : `${formatDateTime(message.dueAtMs)} (${formatRelative(message.dueAtMs, nowMs)})`;
  const facts: Array<[string, React.ReactNode]> = [
    ['Id', <code key="id" className="font-mono">{message.id}</code>],
    ['State', <MessageStateBadge key="state" state={message.state} />],
    ['Reserved count', message.reservedCount],
    ['Posted', formatDateTime(message.createdAtMs)],
    [message.state === 'reserved' ? 'Reserved until' : 'Available', due],
    ['Expires', `${formatDateTime(message.expiresAtMs)} (${formatRelative(message.expiresAtMs, nowMs)})`],
  ];
  return <FactList facts={facts} />;
}

/** A push queue's message: delivering or delivered, when it was posted and when it expires. */
function PushMessageFacts({ message, nowMs }: { message: MessageView; nowMs: number }) {
  return (
    <FactList
      facts={[
        ['Id', <code key="id" className="font-mono">{message.id}</code>],
        ['State', <PushStateBadge key="state" isDelivered={message.isDelivered} />],
        ['Posted', formatDateTime(message.createdAtMs)],
        ['Expires', `${formatDateTime(message.expiresAtMs)} (${formatRelative(message.expiresAtMs, nowMs)})`],
      ]}
    />
  );
}

function FactList({ facts }: { facts: Array<[string, React.ReactNode]> }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-6 gap-y-2 text-sm">
      {facts.map(([label, value]) => (
        <div key={label} className="contents">
          <dt className="text-muted">{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
