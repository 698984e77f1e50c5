// Engine objects of the HUD's operator screens — alerts, push deliveries, redrive jobs — to the
// plain JSON the browser renders (lib/hud/operator-types.ts), and alert messages read back into
// what fired them.
import type { DeliveryRecord } from '../engine/delivery-log';
import type { RedriveJob } from '../engine/redrive';
import type { Alert, MessageDetail } from '../engine/types';
import type { AlertFiringView, AlertView, DeliveryView, RedriveView } from '../hud/types';
import { isObject } from '../json-fields';

export function alertView(alert: Alert): AlertView {
  const { id, type, direction, trigger, queue, snoozeMs } = alert;
  return { id, type, direction, trigger, queue, snoozeMs };
}

export function deliveryView(record: DeliveryRecord): DeliveryView {
  return {
    messageId: record.messageId,
    subscriberName: record.subscriberName,
    url: record.url,
    status: record.status,
    statusCode: record.statusCode,
    tries: record.tries,
    retriesRemaining: record.retriesRemaining,
    lastTryAtMs: record.lastTryAtMs,
    nextTryAtMs: record.nextTryAtMs,
    isInFlight: record.isInFlight,
    errorMessage: record.errorMessage,
    errorReport: record.errorReport && { ...record.errorReport },
  };
}

export function redriveView(job: RedriveJob): RedriveView {
  const { projectId: _project, ...view } = job;
  return view;
}

/**
 * The firing an alert message records (§4.9), when the message is one and came from `sourceQueue`;
 * undefined for anything else the target queue holds.
 */
export function alertFiringOf(message: MessageDetail, targetQueue: string, sourceQueue: string): AlertFiringView | undefined {
  let body: unknown;
  try {
    body = JSON.parse(message.body);
  } catch {
    return undefined;
  }
  if (!isObject(body) || body.source_queue !== sourceQueue || typeof body.alert_id !== 'string') return undefined;
  const firedAtMs = Date.parse(String(body.created_at));
  return {
    messageId: message.id,
    targetQueue,
    alertId: body.alert_id,
    type: body.alert_type === 'progressive' ? 'progressive' : 'fixed',
    direction: body.alert_direction === 'desc' ? 'desc' : 'asc',
    trigger: Number(body.alert_trigger),
    queueSize: Number(body.queue_size),
    firedAtMs: Number.isNaN(firedAtMs) ? message.createdAtMs : firedAtMs,
  };
}
