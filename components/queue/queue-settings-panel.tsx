'use client';
// The settings tab: message timeout, expiration and the dead-letter policy, saved together; and
// deleting the queue behind typing its name.
import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { QueueSettingsFields, settingsFormFrom, settingsInputFrom } from '@/components/queues/queue-settings-fields';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { useDeleteQueueMutation } from '@/lib/hud/queues/use-delete-queue-mutation';
import { useQueueQuery } from '@/lib/hud/queues/use-queue-query';
import { useUpdateQueueMutation } from '@/lib/hud/queues/use-update-queue-mutation';
import type { QueueDetail } from '@/lib/hud/types';

export function QueueSettingsPanel({ projectId, queueName }: { projectId: string; queueName: string }) {
  const queue = useQueueQuery(projectId, queueName);
  if (queue.isPending) return <SkeletonRows rows={3} label="Loading settings" />;
  if (queue.isError) return <ErrorNotice error={queue.error} onRetry={() => queue.refetch()} />;
  return (
    <div className="space-y-10">
      <SettingsForm projectId={projectId} queue={queue.data} />
      <DeleteQueueSection projectId={projectId} queueName={queueName} />
    </div>
  );
}

/** Starts from the settings as loaded; live refreshes do not overwrite what the person is typing. */
function SettingsForm({ projectId, queue }: { projectId: string; queue: QueueDetail }) {
  const [form, setForm] = useState(() => settingsFormFrom(queue));
  const update = useUpdateQueueMutation();
  const isPull = queue.type === 'pull';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    update.mutate({ projectId, queueName: queue.name, settings: settingsInputFrom(form, isPull) });
  };
  return (
    <form onSubmit={submit} className="space-y-4" aria-labelledby="queue-settings-heading">
      <h2 id="queue-settings-heading" className="text-lg font-semibold">Settings</h2>
      <QueueSettingsFields form={form} onChange={setForm} isPull={isPull} />
      <button type="submit" className={buttonStyles.primary} disabled={update.isPending}>
        {update.isPending ? 'Saving…' : 'Save settings'}
      </button>
    </form>
  );
}

function DeleteQueueSection({ projectId, queueName }: { projectId: string; queueName: string }) {
  const router = useRouter();
  const [isConfirming, setConfirming] = useState(false);
  const remove = useDeleteQueueMutation();
  // mutateAsync, not mutate's onSuccess: the deleted queue's page may unmount this panel before
  // the callback runs, and react-query skips an unmounted caller's callbacks.
  const confirm = () => remove.mutateAsync({ projectId, queueName }).then(() => router.push(pagePaths.queues(projectId)), () => {});
  return (
    <section aria-labelledby="danger-heading" className="rounded-lg border border-danger p-4">
      <h2 id="danger-heading" className="text-lg font-semibold">Delete this queue</h2>
      <p className="mt-1 text-sm text-muted">Deletes the queue with every message in it. Clients posting to this name create a new, empty pull queue.</p>
      <button type="button" className={`${buttonStyles.danger} mt-3`} onClick={() => setConfirming(true)}>Delete queue</button>
      <ConfirmDialog
        isOpen={isConfirming}
        onClose={() => setConfirming(false)}
        title="Delete queue"
        confirmLabel="Delete queue"
        confirmText={queueName}
        isPending={remove.isPending}
        onConfirm={confirm}
      >
        <p>This deletes <strong className="[overflow-wrap:anywhere]">{queueName}</strong> and every message in it. This cannot be undone.</p>
      </ConfirmDialog>
    </section>
  );
}
