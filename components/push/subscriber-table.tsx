'use client';
// One row per subscriber of a push queue: name, URL and headers as text, and its actions — a test
// push, edit, and remove (behind a confirmation; removing the last one is refused by the server).
import { ACTIONS_COLUMN, DataTable } from '@/components/ui/data-table';
import { buttonStyles, tableStyles } from '@/components/ui/styles';
import type { SubscriberView } from '@/lib/hud/types';

interface SubscriberTableProps {
  subscribers: SubscriberView[];
  onTest: (subscriber: SubscriberView) => void;
  onEdit: (subscriber: SubscriberView) => void;
  onRemove: (subscriber: SubscriberView) => void;
}

export function SubscriberTable({ subscribers, onTest, onEdit, onRemove }: SubscriberTableProps) {
  return (
    <DataTable caption="Subscribers" columns={[
      { label: 'Name' },
      { label: 'URL' },
      { label: 'Headers' },
      ACTIONS_COLUMN,
    ]}>
      {subscribers.map((subscriber) => {
        const key = subscriber.name || subscriber.url;
        const headers = Object.entries(subscriber.headers);
        return (
          <tr key={key} className={tableStyles.row} data-testid="subscriber-row">
            <td className={`${tableStyles.td} [overflow-wrap:anywhere]`}>{subscriber.name || <span className="text-muted">(unnamed)</span>}</td>
            <td className={`${tableStyles.td} min-w-48 font-mono text-xs [overflow-wrap:anywhere]`}>{subscriber.url}</td>
            <td className={`${tableStyles.td} font-mono text-xs`}>
              {headers.length === 0 ? <span className="text-muted">none</span> : headers.map(([name, value]) => <div key={name} className="[overflow-wrap:anywhere]">{`${name}: ${value}`}</div>)}
            </td>
            <td className={tableStyles.actionsTd}>
              <span className="flex justify-end gap-2">
                {/^https?:/.test(subscriber.url) && (
                  <button type="button" className={buttonStyles.small} onClick={() => onTest(subscriber)} aria-label={`Test push to ${key}`}>Test</button>
                )}
                <button type="button" className={buttonStyles.small} onClick={() => onEdit(subscriber)} aria-label={`Edit ${key}`}>Edit</button>
                <button type="button" className={buttonStyles.smallDanger} onClick={() => onRemove(subscriber)} aria-label={`Remove ${key}`}>Remove</button>
              </span>
            </td>
          </tr>
        );
      })}
    </DataTable>
  );
}
