'use client';
// The alerts tab of a pull queue (?tab=alerts&range=): its size alerts with add, edit and delete;
// the size chart for the range in the URL with each trigger drawn as a line; and, beside it, the
// alert messages the alerts posted lately.
import { useState } from 'react';
import { QueueHistoryCharts } from '@/components/queue/queue-history-charts';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { EmptyState, ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles } from '@/components/ui/styles';
import { useDeleteAlertMutation } from '@/lib/hud/alerts/use-delete-alert-mutation';
import { useQueueQuery } from '@/lib/hud/queues/use-queue-query';
import type { AlertView, HistoryRange } from '@/lib/hud/types';
import { AlertDialog } from './alert-dialog';
import { AlertTable, alertSummary } from './alert-table';
import { RecentAlerts } from './recent-alerts';

type Action = { kind: 'add' } | { kind: 'edit' | 'delete'; alert: AlertView } | null;

export function AlertsPanel({ projectId, queueName, range }: { projectId: string; queueName: string; range: HistoryRange }) {
  const queue = useQueueQuery(projectId, queueName);
  const [action, setAction] = useState<Action>(null);
  const remove = useDeleteAlertMutation();
  if (queue.isPending) return <SkeletonRows rows={3} label="Loading alerts" />;
  if (queue.isError) return <ErrorNotice error={queue.error} onRetry={() => queue.refetch()} />;
  if (queue.data.type !== 'pull') return <p>Push queues do not support alerts: a push queue’s messages leave as they are delivered.</p>;
  const { alerts } = queue.data;
  const close = () => setAction(null);
  const deleting = action?.kind === 'delete' ? action.alert : null;
  return (
    <div className="space-y-8">
      <section aria-labelledby="alerts-heading" className="space-y-3">
        <div className="flex flex-wrap items-center justify-between gap-2">
          <h2 id="alerts-heading" className="text-lg font-semibold">Alerts</h2>
          <button type="button" className={buttonStyles.primary} onClick={() => setAction({ kind: 'add' })}>Add alert</button>
        </div>
        <p className="text-sm text-muted">An alert posts a message to its target queue when this queue’s size crosses its trigger. At most 5 per queue.</p>
        {alerts.length === 0 ? (
          <EmptyState title="No alerts">
            <p>Add one to hear when this queue grows past (or drains below) a size.</p>
          </EmptyState>
        ) : (
          <AlertTable projectId={projectId} alerts={alerts} onEdit={(alert) => setAction({ kind: 'edit', alert })} onDelete={(alert) => setAction({ kind: 'delete', alert })} />
        )}
      </section>
      <div className="grid gap-4 lg:grid-cols-[2fr_1fr]">
        <QueueHistoryCharts projectId={projectId} queueName={queueName} range={range} alerts={alerts} isSizeOnly />
        <RecentAlerts projectId={projectId} queueName={queueName} />
      </div>
      <AlertDialog
        key={action?.kind === 'edit' ? action.alert.id : 'add'}
        projectId={projectId}
        queueName={queueName}
        editing={action?.kind === 'edit' ? action.alert : null}
        isOpen={action?.kind === 'add' || action?.kind === 'edit'}
        onClose={close}
      />
      <ConfirmDialog
        isOpen={deleting !== null}
        onClose={close}
        title="Delete alert"
        confirmLabel="Delete alert"
        isPending={remove.isPending}
        onConfirm={() => deleting && remove.mutate({ projectId, queueName, alertId: deleting.id }, { onSuccess: close })}
      >
        <p>The alert <strong>{deleting && alertSummary(deleting)}</strong> to {deleting?.queue} stops firing. Messages it already posted stay in that queue.</p>
      </ConfirmDialog>
    </div>
  );
}
