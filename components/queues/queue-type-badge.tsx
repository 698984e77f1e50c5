// The queue's type as a small label: pull queues are consumed by reserve, push queues deliver to URLs.
import type { QueueType } from '@/lib/hud/types';

const STYLES: Record<QueueType, string> = {
  pull: 'border-line text-foreground',
  unicast: 'border-info text-info',
  multicast: 'border-warn text-warn',
};

export function QueueTypeBadge({ type }: { type: QueueType }) {
  return <span className={`inline-block rounded-full border px-2 py-0.5 text-xs font-medium ${STYLES[type]}`}>{type}</span>;
}
