'use client';
// One row per alert of a pull queue: type, direction, trigger, snooze and the target queue (a
// link), with edit and delete.
import Link from 'next/link';
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
    <div className={tableStyles.wrapper}>
      <table className={tableStyles.table}>
        <caption className="sr-only">Alerts</caption>
        <thead className={tableStyles.head}>
          <tr>
            <th scope="col" className={tableStyles.th}>Type</th>
            <th scope="col" className={tableStyles.th}>Direction</th>
            <th scope="col" className={`${tableStyles.th} text-right`}>Trigger</th>
            <th scope="col" className={tableStyles.th}>Snooze</th>
            <th scope="col" className={tableStyles.th}>Target queue</th>
            <th scope="col" className={tableStyles.actionsTh}><span className="sr-only">Actions</span></th>
          </tr>
        </thead>
        <tbody>
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
        </tbody>
      </table>
    </div>
  );
}
