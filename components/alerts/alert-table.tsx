'use client';
// One row per alert of a pull queue: type, direction, trigger, snooze and the target queue (a
// link), with edit and delete.
import Link from 'next/link';
import { ACTIONS_COLUMN, DataTable } from '@/components/ui/data-table';
import { buttonStyles, linkStyles, tableStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { formatDuration } from '@/lib/hud/format';
import type { AlertView } from '@/lib/hud/types';

interface AlertTableProps {
  projectId: string;
  alerts: AlertView[];
  onEdit: (alert: AlertView) => void;
  onDelete: (alert: AlertView) => void;
}

export const alertSummary = (alert: AlertView) =>
  `${alert.type} ${alert.direction === 'asc' ? 'rising' : 'falling'} ${alert.type === 'progressive' ? 'every' : 'at'} ${alert.trigger}`;

export function AlertTable({ projectId, alerts, onEdit, onDelete }: AlertTableProps) {
  return (
    <DataTable caption="Alerts" columns={[
      { label: 'Type' },
      { label: 'Direction' },
      { label: 'Trigger', isNumeric: true },
      { label: 'Snooze' },
      { label: 'Target queue' },
      ACTIONS_COLUMN,
    ]}>
      {alerts.map((alert) => (
        <tr key={alert.id} className={tableStyles.row} data-testid="alert-row">
          <td className={tableStyles.td}>{alert.type}</td>
          <td className={tableStyles.td}>{alert.direction === 'asc' ? 'rising' : 'falling'}</td>
          <td className={`${tableStyles.td} text-right tabular-nums`}>{alert.trigger}</td>
          <td className={tableStyles.td}>{alert.snoozeMs === 0 ? 'none' : formatDuration(alert.snoozeMs)}</td>
          <td className={tableStyles.td}>
            <Link href={pagePaths.queue(projectId, alert.queue, { tab: 'messages' })} className={`${linkStyles} [overflow-wrap:anywhere]`}>{alert.queue}</Link>
          </td>
          <td className={tableStyles.actionsTd}>
            <span className="flex justify-end gap-2">
              <button type="button" className={buttonStyles.small} onClick={() => onEdit(alert)} aria-label={`Edit alert ${alertSummary(alert)}`}>Edit</button>
              <button type="button" className={buttonStyles.smallDanger} onClick={() => onDelete(alert)} aria-label={`Delete alert ${alertSummary(alert)}`}>Delete</button>
            </span>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
