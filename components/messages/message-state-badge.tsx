// A message's lifecycle state as a small label. A push queue's message has a delivery state per
// subscriber instead, which this view does not know: it says so rather than showing "ready".
import type { MessageState } from '@/lib/hud/types';

const STYLES: Record<MessageState, string> = {
  ready: 'border-ok text-ok',
  reserved: 'border-warn text-warn',
  delayed: 'border-info text-info',
};

export function MessageStateBadge({ state }: { state: MessageState }) {
  return <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${STYLES[state]}`}>{state}</span>;
}

/** Stands in for the state of a push queue's message. */
export function PushStateBadge() {
  return (
    <span className="inline-block rounded-full border border-line px-2 py-0.5 text-xs font-medium text-muted" title="Delivery state per subscriber is not shown here">
      push<span className="sr-only">: delivery state not shown</span>
    </span>
  );
}
