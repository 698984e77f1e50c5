'use client';
// Picks the messages a redrive moves, a page at a time (the cursor in the URL, &after=), each with
// an optional new body. The choices live in the form until the redrive starts.
import Link from 'next/link';
import { ErrorNotice, SkeletonRows } from '@/components/ui/notices';
import { buttonStyles, tableStyles } from '@/components/ui/styles';
import { pagePaths } from '@/lib/hud/api-paths';
import { useMessagesQuery } from '@/lib/hud/messages/use-messages-query';

const PREVIEW_CHARS = 100;

interface MessagePickerProps {
  projectId: string;
  queueName: string;
  after: string;
  selected: Set<string>;
  onToggle: (messageId: string) => void;
  /** Selects every message of the page shown. */
  onSelectAll: (messageIds: string[]) => void;
  bodies: Record<string, string>;
  onEditBody: (messageId: string, body: string) => void;
}

export function MessagePicker({ projectId, queueName, after, selected, onToggle, onSelectAll, bodies, onEditBody }: MessagePickerProps) {
  const messages = useMessagesQuery(projectId, queueName, after);
  if (messages.isPending) return <SkeletonRows rows={3} label="Loading messages" />;
  if (messages.isError) return <ErrorNotice error={messages.error} onRetry={() => messages.refetch()} />;
  const pageUrl = (cursor: string) => pagePaths.queue(projectId, queueName, { tab: 'redrive', after: cursor });
  return (
    <div className="space-y-2">
      {messages.data.messages.length === 0 ? (
        <p className="text-sm text-muted">This queue holds no messages.</p>
      ) : (
        <button type="button" className={buttonStyles.small} onClick={() => onSelectAll(messages.data.messages.map((m) => m.id))}>Select all on this page</button>
      )}
      <ul className={`${tableStyles.wrapper} divide-y divide-line`}>
        {messages.data.messages.map((message) => {
          const body = bodies[message.id] ?? message.body;
          const isEdited = bodies[message.id] !== undefined;
          return (
            <li key={message.id} className="flex flex-wrap items-start gap-3 p-2" data-testid="redrive-message">
              <input id={`pick-${message.id}`} type="checkbox" className="mt-1" checked={selected.has(message.id)} onChange={() => onToggle(message.id)} />
              <label htmlFor={`pick-${message.id}`} className="min-w-0 flex-1 text-sm">
                <span className="font-mono text-xs">{message.id}</span>
                {isEdited && <span className="ml-2 rounded border border-warn px-1 text-xs text-warn">edited</span>}
                <span className="block truncate font-mono text-xs text-muted">{body.length > PREVIEW_CHARS ? `${body.slice(0, PREVIEW_CHARS)}…` : body}</span>
              </label>
              {selected.has(message.id) && (
                <button type="button" className={buttonStyles.small} onClick={() => onEditBody(message.id, body)} aria-label={`Edit the body of ${message.id}`}>Edit body</button>
              )}
            </li>
          );
        })}
      </ul>
      <nav aria-label="Message pages" className="flex gap-2">
        {after && <Link href={pageUrl('')} className={buttonStyles.secondary} scroll={false}>First page</Link>}
        {messages.data.nextAfter && <Link href={pageUrl(messages.data.nextAfter)} className={buttonStyles.secondary} scroll={false}>Next page</Link>}
      </nav>
    </div>
  );
}
