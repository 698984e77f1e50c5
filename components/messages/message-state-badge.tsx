// A message's lifecycle state as a small label.
import type { MessageState } from '@/lib/hud/types';

const STYLES: Record<MessageState, string> = {
  ready: 'border-ok text-ok',
  reserved: 'border-warn text-warn',
  delayed: 'border-info text-info',
};

export function MessageStateBadge({ state }: { state: MessageState }) {
  return <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${STYLES[state]}`}>{state}</span>;
}
