// A message's lifecycle state as a small label. A push queue's message is never reserved: it is
// being delivered (some delivery has not settled) or delivered (every delivery ended, out of the
// queue's size); its per-subscriber state is the delivery inspector's.
import type { MessageState } from '@/lib/hud/types';

const STYLES: Record<MessageState, string> = {
  ready: 'border-ok text-ok',
  reserved: 'border-warn text-warn',
  delayed: 'border-info text-info',
};

export function MessageStateBadge({ state }: { state: MessageState }) {
  return <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${STYLES[state]}`}>{state}</span>;
}

/** The state of a push queue's message. */
export function PushStateBadge({ isDelivered }: { isDelivered: boolean }) {
  return (
    <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${isDelivered ? 'border-ok text-ok' : 'border-info text-info'}`}>
      {isDelivered ? 'delivered' : 'delivering'}
    </span>
  );
}
