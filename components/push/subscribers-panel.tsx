'use client';
// The subscribers tab of a push queue (?tab=subscribers): its delivery settings, its subscribers
// with add, edit, remove and a test push each, every change one atomic call to the server.
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles } from '@/components/ui/styles';
import { useRemoveSubscriberMutation } from '@/lib/hud/push/use-remove-subscriber-mutation';
import { useQueueQuery } from '@/lib/hud/queues/use-queue-query';
import type { SubscriberView } from '@/lib/hud/types';
import { PushSettingsForm } from './push-settings-form';
import { SubscriberDialog } from './subscriber-dialog';
import { SubscriberTable } from './subscriber-table';
import { TestPushDialog } from './test-push-dialog';

type Action = { kind: 'add' } | { kind: 'edit' | 'remove' | 'test'; subscriber: SubscriberView } | null;

export function SubscribersPanel({ projectId, queueName }: { projectId: string; queueName: string }) {
  const queue = useQueueQuery(projectId, queueName);
  const [action, setAction] = useState<Action>(null);
  const remove = useRemoveSubscriberMutation();
  if (queue.isPending) return <SkeletonRows rows={3} label="Loading subscribers" />;
  if (queue.isError) return <ErrorNotice error={queue.error} onRetry={() => queue.refetch()} />;
  const { push } = queue.data;
  if (!push) return <p>This is a pull queue: it has no subscribers. A queue’s type is fixed when it is created.</p>;
  const close = () => {
    setAction(null);
    remove.reset();
  };
  const removing = action?.kind === 'remove' ? action.subscriber : null;
  return (
    <div className="space-y-10">
      <section aria-labelledby="subscribers-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="subscribers-heading" className="text-lg font-semibold">Subscribers</h2>
          <button type="button" className={buttonStyles.primary} onClick={() => setAction({ kind: 'add' })}>Add subscriber</button>
        </div>
        <SubscriberTable
          subscribers={push.subscribers}
          onTest={(subscriber) => setAction({ kind: 'test', subscriber })}
          onEdit={(subscriber) => setAction({ kind: 'edit', subscriber })}
          onRemove={(subscriber) => setAction({ kind: 'remove', subscriber })}
        />
      </section>
      <PushSettingsForm projectId={projectId} queue={queue.data} />
      <SubscriberDialog
        key={action?.kind === 'edit' ? `edit-${action.subscriber.name || action.subscriber.url}` : 'add'}
        projectId={projectId}
        queueName={queueName}
        editing={action?.kind === 'edit' ? action.subscriber : null}
        isOpen={action?.kind === 'add' || action?.kind === 'edit'}
        onClose={close}
      />
      <TestPushDialog projectId={projectId} queueName={queueName} subscriber={action?.kind === 'test' ? action.subscriber : null} onClose={close} />
      <ConfirmDialog
        isOpen={removing !== null}
        onClose={close}
        title="Remove subscriber"
        confirmLabel="Remove subscriber"
        isPending={remove.isPending}
        error={remove.error}
        onConfirm={() => removing && remove.mutate({ projectId, queueName, subscriber: removing.name || removing.url }, { onSuccess: close })}
      >
        <p>
          <strong className="[overflow-wrap:anywhere]">{removing?.name || removing?.url}</strong> gets no further pushes: its deliveries still due end, and a
          unicast message chosen for it goes to the next subscriber.
        </p>
      </ConfirmDialog>
    </div>
  );
}
