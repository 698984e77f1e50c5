// The headers of a push request (§4.8.3): defaults a subscriber may override, then the
// subscriber's headers, then the message's push_headers, then the Iron-* headers, which always win.
import { subscriberKey } from '../engine/subscribers';
import type { DeliveryAttempt } from '../engine/types';

/**
 * The URL a subscriber DELETEs to acknowledge a 202; the queue name is the 6th path segment.
 * v3 names the message and carries the proof in the query; v1 names the subscriber's delivery.
 */
export function acknowledgementUrl(publicBaseUrl: string, attempt: DeliveryAttempt): string {
  const base = `${publicBaseUrl.replace(/\/$/, '')}/${attempt.apiVersion}/projects/${attempt.projectId}/queues/${encodeURIComponent(attempt.queueName)}/messages/${attempt.messageId}`;
  if (attempt.apiVersion === 1) return `${base}/subscribers/${attempt.subscriberId}`;
  const query = new URLSearchParams({ reservation_id: attempt.reservationId, subscriber_name: subscriberKey(attempt.subscriber) });
  return `${base}?${query}`;
}

export function pushRequestHeaders(publicBaseUrl: string, attempt: DeliveryAttempt): Record<string, string> {
  return {
    'User-Agent': 'IronMQ Pusherd',
    'Content-Type': 'text/plain; encoding=utf-8',
    ...attempt.subscriber.headers,
    ...attempt.pushHeaders,
    'Iron-Message-Id': attempt.messageId,
    'Iron-Reservation-Id': attempt.reservationId,
    'Iron-Subscriber-Name': subscriberKey(attempt.subscriber),
    'Iron-Subscriber-Message-Url': acknowledgementUrl(publicBaseUrl, attempt),
    ...(attempt.apiVersion === 1 ? { 'Iron-Subscriber-Message-Id': attempt.subscriberId } : {}),
  };
}
