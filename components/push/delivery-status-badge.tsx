// Where one subscriber's delivery stands, in words a person reads: queued, sending, retrying,
// waiting for a 202's acknowledgement, delivered, or failed (reported to the error queue).
import type { DeliveryStatus, DeliveryView } from '@/lib/hud/types';

const LABELS: Record<DeliveryStatus, { text: string; style: string }> = {
  queued: { text: 'queued', style: 'border-line text-foreground' },
  retrying: { text: 'retrying', style: 'border-warn text-warn' },
  reserved: { text: 'awaiting acknowledgement', style: 'border-info text-info' },
  deleted: { text: 'delivered', style: 'border-ok text-ok' },
  error: { text: 'failed', style: 'border-danger text-danger' },
};

/** The filter's choices, in the order a delivery moves through them. */
export const DELIVERY_STATUS_OPTIONS = (Object.keys(LABELS) as DeliveryStatus[]).map((status) => ({ status, label: LABELS[status].text }));

export function DeliveryStatusBadge({ delivery }: { delivery: Pick<DeliveryView, 'status' | 'isInFlight'> }) {
  const { text, style } = LABELS[delivery.status];
  const isSending = delivery.isInFlight && (delivery.status === 'queued' || delivery.status === 'retrying');
  return (
    <span className={`inline-block whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${style}`}>
      {isSending ? 'sending' : text}
    </span>
  );
}
