'use client';
// One row per queue: name (to its page) with its dead-letter / error-queue links, type, live size
// and total, the last hour's size as a sparkline, and clear/delete behind a confirmation (delete
// asks for the name, as Settings does).
import Link from 'next/link';
import { useState } from 'react';
import { Sparkline } from '@/components/charts/sparkline';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { ACTIONS_COLUMN, DataTable } from '@/components/ui/data-table';
import { buttonStyles, linkStyles, tableStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { sizeSummary } from '@/lib/hud/history-summary';
import { useClearQueueMutation } from '@/lib/hud/queues/use-clear-queue-mutation';
import { useDeleteQueueMutation } from '@/lib/hud/queues/use-delete-queue-mutation';
import type { QueueListItem } from '@/lib/hud/types';
import { QueueRelationBadges } from './queue-relation-badges';
import { QueueTypeBadge } from './queue-type-badge';

type Action = { kind: 'clear' | 'delete'; queueName: string } | null;

interface QueueTableProps {
  projectId: string;
  queues: QueueListItem[];
  /** Last-hour sizes by queue name; undefined while they load. */
  sparklines: Map<string, number[]> | undefined;
}

export function QueueTable({ projectId, queues, sparklines }: QueueTableProps) {
  const [action, setAction] = useState<Action>(null);
  const clear = useClearQueueMutation();
  const remove = useDeleteQueueMutation();
  const close = () => setAction(null);
  const confirm = () => {
    if (!action) return;
    const mutation = action.kind === 'clear' ? clear : remove;
    mutation.mutate({ projectId, queueName: action.queueName }, { onSuccess: close });
  };
  return (
    <>
      <DataTable caption="Queues" columns={[
        { label: 'Name' },
        { label: 'Type' },
        { label: 'Size', isNumeric: true },
        { label: 'Total messages', isNumeric: true },
        // Phones keep the table narrow: the sparkline column starts at tablet width.
        { label: 'Size, last hour', className: 'hidden md:table-cell' },
        ACTIONS_COLUMN,
      ]}>
        {queues.map((queue) => (
          <tr key={queue.name} className={tableStyles.row} data-testid="queue-row">
            <td className={`${tableStyles.td} min-w-40`}>
              <Link href={pagePaths.queue(projectId, queue.name)} className={`${linkStyles} [overflow-wrap:anywhere]`}>{queue.name}</Link>
              <span className="mt-1 block"><QueueRelationBadges projectId={projectId} relations={queue.relations} /></span>
            </td>
            <td className={tableStyles.td}><QueueTypeBadge type={queue.type} /></td>
            <td className={`${tableStyles.td} text-right tabular-nums`}>{queue.size}</td>
            <td className={`${tableStyles.td} text-right tabular-nums`}>{queue.totalMessages}</td>
            <td className={`${tableStyles.td} hidden md:table-cell`}><SizeSparkline sizes={sparklines?.get(queue.name)} isLoading={!sparklines} /></td>
            <td className={tableStyles.actionsTd}>
              <span className="flex justify-end gap-2">
                <button type="button" className={buttonStyles.small} onClick={() => setAction({ kind: 'clear', queueName: queue.name })} aria-label={`Clear ${queue.name}`}>Clear</button>
                <button type="button" className={buttonStyles.smallDanger} onClick={() => setAction({ kind: 'delete', queueName: queue.name })} aria-label={`Delete ${queue.name}`}>Delete</button>
              </span>
            </td>
          </tr>
        ))}
      </DataTable>
      <ConfirmDialog
        isOpen={action !== null}
        onClose={close}
        title={action?.kind === 'clear' ? 'Clear queue' : 'Delete queue'}
        confirmLabel={action?.kind === 'clear' ? 'Clear queue' : 'Delete queue'}
        confirmText={action?.kind === 'delete' ? action.queueName : undefined}
        isPending={clear.isPending || remove.isPending}
        onConfirm={confirm}
      >
        <p>
          {action?.kind === 'clear' ? 'This removes every message, in any state, from ' : 'This deletes the queue and every message in '}
          <strong className="[overflow-wrap:anywhere]">{action?.queueName}</strong>. This cannot be undone.
        </p>
      </ConfirmDialog>
    </>
  );
}

function SizeSparkline({ sizes, isLoading }: { sizes: number[] | undefined; isLoading: boolean }) {
  if (sizes) return <Sparkline values={sizes} label={`Size ${sizeSummary(sizes, 'last hour').toLowerCase()}`} />;
  // A queue created since the sparklines were fetched has none until the next refresh.
  return isLoading ? <span aria-hidden="true" className="block h-6 w-24 animate-pulse rounded bg-surface" /> : <span className="text-muted">–</span>;
}
