'use client';
// What a person can do to one message: delete it, and — set apart because they act like a
// consumer — extend or end its reservation. Both override whichever consumer holds it.
import { useState } from 'react';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { buttonStyles, inputStyles, labelStyles } from '@/components/ui/styles';
import { useDeleteMessageMutation } from '@/lib/hud/messages/use-delete-message-mutation';
import { useReleaseMessageMutation } from '@/lib/hud/messages/use-release-message-mutation';
import { useTouchMessageMutation } from '@/lib/hud/messages/use-touch-message-mutation';
import type { MessageView } from '@/lib/hud/types';

interface MessageActionsProps {
  projectId: string;
  queueName: string;
  message: MessageView;
  /** Push queues are never reserved, so the consuming actions do not apply. */
  isPush: boolean;
  onDeleted: () => void;
}

export function MessageActions({ projectId, queueName, message, isPush, onDeleted }: MessageActionsProps) {
  const [isConfirmingDelete, setConfirmingDelete] = useState(false);
  const [releaseDelayS, setReleaseDelayS] = useState('0');
  const remove = useDeleteMessageMutation();
  const touch = useTouchMessageMutation();
  const release = useReleaseMessageMutation();
  const ref = { projectId, queueName, messageId: message.id };
  const isReserved = message.state === 'reserved';

  return (
    <div className="space-y-6">
      {!isPush && <section aria-labelledby="consuming-heading" className="rounded-lg border border-warn p-4">
        <h3 id="consuming-heading" className="text-sm font-semibold">Consuming actions</h3>
        <p className="mt-1 text-xs text-muted">
          These act on the message&apos;s reservation as a consumer would. The consumer that reserved it loses its
          reservation and can no longer delete the message.
        </p>
        {isReserved ? (
          <div className="mt-3 flex flex-wrap items-end gap-2">
            <button type="button" className={buttonStyles.secondary} onClick={() => touch.mutate(ref)} disabled={touch.isPending}>
              Touch: extend reservation (consumes)
            </button>
            <div>
              <label htmlFor="release-delay" className={labelStyles}>Release delay (seconds)</label>
              <input id="release-delay" type="number" min={0} max={604800} className={`${inputStyles} mt-1 w-32`} value={releaseDelayS} onChange={(e) => setReleaseDelayS(e.target.value)} />
            </div>
            <button
              type="button"
              className={buttonStyles.secondary}
              onClick={() => release.mutate({ ...ref, delayMs: Math.round(Number(releaseDelayS) * 1000) })}
              disabled={release.isPending}
            >
              Release to queue (consumes)
            </button>
          </div>
        ) : (
          <p className="mt-3 text-sm">Not reserved. Use “Reserve next message” above the list to reserve the next available message.</p>
        )}
      </section>}
      <button type="button" className={buttonStyles.danger} onClick={() => setConfirmingDelete(true)}>Delete message</button>
      <ConfirmDialog
        isOpen={isConfirmingDelete}
        onClose={() => setConfirmingDelete(false)}
        title="Delete message"
        confirmLabel="Delete message"
        isPending={remove.isPending}
        // Not mutate's onSuccess: the delete drops the message's query, the drawer then unmounts
        // these actions, and react-query skips the callbacks of an unmounted caller — the drawer
        // would stay open on "no longer exists". The promise settles either way; failures are
        // reported by the mutation's own toast.
        onConfirm={() => remove.mutateAsync(ref).then(() => { setConfirmingDelete(false); onDeleted(); }, () => {})}
      >
        <p>This deletes message <code className="font-mono">{message.id}</code>{isReserved ? ', although a consumer holds it' : ''}. This cannot be undone.</p>
      </ConfirmDialog>
    </div>
  );
}
