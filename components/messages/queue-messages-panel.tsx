'use client';
// The messages tab: a non-consuming browse of every message in any state, a page of 100 at a
// time by cursor (?after=), post and clear, reserve-next (consuming, pull queues only: a push
// queue's messages are delivered, never reserved), and the message drawer (?message=).
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState, ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { useMessagesQuery } from '@/lib/hud/messages/use-messages-query';
import { useReserveMessageMutation } from '@/lib/hud/messages/use-reserve-message-mutation';
import { useClearQueueMutation } from '@/lib/hud/queues/use-clear-queue-mutation';
import { useQueueQuery } from '@/lib/hud/queues/use-queue-query';
import { MessageDrawer } from './message-drawer';
import { MessageTable } from './message-table';
import { PostMessagesDialog } from './post-messages-dialog';

interface QueueMessagesPanelProps {
  projectId: string;
  queueName: string;
  after: string;
  openMessageId: string;
}

export function QueueMessagesPanel({ projectId, queueName, after, openMessageId }: QueueMessagesPanelProps) {
  const router = useRouter();
  const messages = useMessagesQuery(projectId, queueName, after);
  const queue = useQueueQuery(projectId, queueName).data;
  const queueType = queue?.type;
  const isFailureTarget = (queue?.relations.deadLetterSources.length ?? 0) + (queue?.relations.errorQueueSources.length ?? 0) > 0;
  const isPush = queueType !== undefined && queueType !== 'pull';
  const reserve = useReserveMessageMutation();
  const clear = useClearQueueMutation();
  const [dialog, setDialog] = useState<'post' | 'clear' | null>(null);
  const close = () => setDialog(null);
  const pageUrl = (query: { after?: string; message?: string }) => pagePaths.queue(projectId, queueName, { tab: 'messages', ...query });

  const reserveNext = () =>
    reserve.mutate({ projectId, queueName }, {
      onSuccess: ({ reservations }) => reservations[0] && router.push(pageUrl({ after, message: reservations[0].id }), { scroll: false }),
    });

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-center gap-2">
        <button type="button" className={buttonStyles.primary} onClick={() => setDialog('post')}>Post messages</button>
        {queueType === 'pull' && (
          <button type="button" className={buttonStyles.secondary} onClick={reserveNext} disabled={reserve.isPending} title="Consumes: the message is hidden from consumers until its reservation times out">
            Reserve next message (consumes)
          </button>
        )}
        {isFailureTarget && (
          <Link href={pagePaths.queue(projectId, queueName, { tab: 'redrive' })} className={buttonStyles.secondary}>Redrive messages…</Link>
        )}
        <button type="button" className={`${buttonStyles.secondary} sm:ml-auto`} onClick={() => setDialog('clear')}>Clear queue</button>
      </div>
      <p className="text-sm text-muted">Browsing never reserves or changes a message; it lists every message, reserved and delayed ones included.</p>
      {messages.isPending && <SkeletonRows rows={5} label="Loading messages" />}
      {messages.isError && <ErrorNotice error={messages.error} onRetry={() => messages.refetch()} />}
      {messages.data?.messages.length === 0 && (
        <EmptyState title={after ? 'No more messages' : 'This queue is empty'}>
          <p>Post a message here, or from any IronMQ client with this queue&apos;s name.</p>
        </EmptyState>
      )}
      {messages.data && messages.data.messages.length > 0 && (
        <MessageTable projectId={projectId} queueName={queueName} after={after} messages={messages.data.messages} nowMs={messages.dataUpdatedAt} isPush={isPush} />
      )}
      <nav aria-label="Message pages" className="flex gap-2">
        {after && <Link href={pageUrl({})} className={buttonStyles.secondary}>First page</Link>}
        {messages.data?.nextAfter && <Link href={pageUrl({ after: messages.data.nextAfter })} className={buttonStyles.secondary}>Next page</Link>}
      </nav>
      <PostMessagesDialog projectId={projectId} queueName={queueName} isOpen={dialog === 'post'} onClose={close} />
      <ConfirmDialog
        isOpen={dialog === 'clear'}
        onClose={close}
        title="Clear queue"
        confirmLabel="Clear queue"
        isPending={clear.isPending}
        onConfirm={() => clear.mutate({ projectId, queueName }, { onSuccess: close })}
      >
        <p>This removes every message, reserved and delayed ones included, from <strong className="[overflow-wrap:anywhere]">{queueName}</strong>. This cannot be undone.</p>
      </ConfirmDialog>
      {openMessageId && (
        <MessageDrawer projectId={projectId} queueName={queueName} messageId={openMessageId} isPush={isPush} onClose={() => router.push(pageUrl({ after }), { scroll: false })} />
      )}
    </div>
  );
}
