'use client';
// The delivery log as a table: one row per (message, subscriber), newest message first, with
// status, last status code, tries, last and next try, and why the last attempt failed — as text.
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { linkStyles, tableStyles } from '@/components/ui/styles';
import { formatDateTime, formatRelative } from '@/lib/hud/format';
import type { DeliveryView } from '@/lib/hud/types';
import { DeliveryStatusBadge } from './delivery-status-badge';

interface DeliveryTableProps {
  deliveries: DeliveryView[];
  nowMs: number;
  /** The URL that opens a message's drawer here. */
  messageHref: (messageId: string) => string;
  reportHref: (report: { queueName: string; messageId: string }) => string;
}

export function DeliveryTable({ deliveries, nowMs, messageHref, reportHref }: DeliveryTableProps) {
  return (
    <DataTable caption="Deliveries" columns={[
      { label: 'Message' },
      { label: 'Subscriber' },
      { label: 'Status' },
      { label: 'Code', isNumeric: true },
      { label: 'Tries', isNumeric: true },
      { label: 'Last try' },
      { label: 'Next try' },
      { label: 'Failure' },
    ]}>
      {deliveries.map((delivery) => (
        <tr key={`${delivery.messageId}:${delivery.subscriberName}`} className={tableStyles.row} data-testid="delivery-row">
          <td className={tableStyles.td}>
            <Link href={messageHref(delivery.messageId)} className={`${linkStyles} font-mono text-xs`} scroll={false}>{delivery.messageId}</Link>
          </td>
          <td className={`${tableStyles.td} [overflow-wrap:anywhere]`}>{delivery.subscriberName}</td>
          <td className={tableStyles.td}><DeliveryStatusBadge delivery={delivery} /></td>
          <td className={`${tableStyles.td} text-right tabular-nums`}>{delivery.tries === 0 ? '–' : delivery.statusCode}</td>
          <td className={`${tableStyles.td} text-right tabular-nums`}>{`${delivery.tries}/${delivery.tries + delivery.retriesRemaining}`}</td>
          <td className={`${tableStyles.td} whitespace-nowrap`}>{delivery.lastTryAtMs === null ? '–' : formatDateTime(delivery.lastTryAtMs)}</td>
          <td className={`${tableStyles.td} whitespace-nowrap`}>{delivery.nextTryAtMs === null ? '–' : formatRelative(delivery.nextTryAtMs, nowMs)}</td>
          <td className={`${tableStyles.td} min-w-48 text-xs`}>
            <span className="[overflow-wrap:anywhere]">{delivery.errorMessage ?? ''}</span>
            {delivery.errorReport && (
              <Link href={reportHref(delivery.errorReport)} className={`${linkStyles} ml-1 whitespace-nowrap`}>error report</Link>
            )}
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
