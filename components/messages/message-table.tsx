'use client';
// One row per stored message: id (opens the drawer through the URL), state, a one-line body
// preview as plain text, reservation count and times.
import Link from 'next/link';
import { DataTable } from '@/components/ui/data-table';
import { tableStyles, linkStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { formatDateTime, formatRelative } from '@/lib/hud/format';
import type { MessageView } from '@/lib/hud/types';
import { MessageStateBadge, PushStateBadge } from './message-state-badge';

const PREVIEW_CHARS = 120;

interface MessageTableProps {
  projectId: string;
  queueName: string;
  after: string;
  messages: MessageView[];
  nowMs: number;
  /** A push queue's messages are being delivered, never reserved. */
  isPush: boolean;
}

export function MessageTable({ projectId, queueName, after, messages, nowMs, isPush }: MessageTableProps) {
  return (
    <DataTable caption="Messages" columns={[
      { label: 'Id' },
      { label: 'State' },
      { label: 'Body' },
      { label: 'Reserved', isNumeric: true },
      { label: 'Posted' },
      { label: 'Available' },
    ]}>
      {messages.map((message) => (
        <tr key={message.id} className={tableStyles.row} data-testid="message-row">
          <td className={tableStyles.td}>
            <Link href={pagePaths.queue(projectId, queueName, { tab: 'messages', after, message: message.id })} className={`${linkStyles} font-mono text-xs`} scroll={false}>
              {message.id}
            </Link>
          </td>
          <td className={tableStyles.td}>{isPush ? <PushStateBadge isDelivered={message.isDelivered} /> : <MessageStateBadge state={message.state} />}</td>
          <td className={`${tableStyles.td} max-w-md truncate font-mono text-xs`}>
            {message.body.length > PREVIEW_CHARS ? `${message.body.slice(0, PREVIEW_CHARS)}…` : message.body}
          </td>
          <td className={`${tableStyles.td} text-right tabular-nums`}>{message.reservedCount}</td>
          <td className={`${tableStyles.td} whitespace-nowrap`}>{formatDateTime(message.createdAtMs)}</td>
          <td className={`${tableStyles.td} whitespace-nowrap`}>{isPush ? '–' : message.dueAtMs === null ? 'now' : formatRelative(message.dueAtMs, nowMs)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
