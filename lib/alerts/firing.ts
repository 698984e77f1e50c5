// When a size change fires an alert, and the message the alert then posts (§4.9). Pure functions
// of sizes and instants, so the calibration sequences of the Ruby tests are checked without I/O.
import type { Alert } from '../engine/types';

/**
 * True when the queue size moving from `before` to `after` (counts) crosses the alert's level:
 * fixed alerts watch `trigger` itself, progressive ones every multiple k·trigger with k ≥ 1 (so
 * a progressive desc alert never fires at 0). Crossing several multiples at once is still one
 * firing: the caller posts at most one message per alert per change.
 */
export function isAlertCrossed(alert: Pick<Alert, 'type' | 'direction' | 'trigger'>, before: number, after: number): boolean {
  const { trigger } = alert;
  if (alert.direction === 'asc') {
    if (after <= before) return false;
    // fixed: before < trigger <= after; progressive: some k·trigger in (before, after].
    if (alert.type === 'fixed') return before < trigger && trigger <= after;
    return Math.floor(after / trigger) > Math.floor(Math.max(before, 0) / trigger);
  }
  if (after >= before) return false;
  // fixed: before > trigger >= after; progressive: some k ≥ 1 with k·trigger in [after, before).
  if (alert.type === 'fixed') return before > trigger && trigger >= after;
  const lowestK = Math.max(Math.ceil(after / trigger), 1);
  const highestK = Math.ceil(before / trigger) - 1;
  return lowestK <= highestK;
}

/** RFC 3339 UTC with whole seconds, the form IronMQ uses in `created_at` (§1.6). */
export function rfc3339Seconds(instantMs: number): string {
  return new Date(Math.floor(instantMs / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * The body of the message an alert posts to its target queue: a JSON string whose field names
 * and order follow the v1 docs and the consumers in the wild (OnBeep/ironmq-alert-pagerduty).
 * `queueSize` is the source queue's size after the change (count).
 */
export function alertMessageBody(sourceQueue: string, queueSize: number, alert: Alert, firedAtMs: number): string {
  return JSON.stringify({
    source_queue: sourceQueue,
    queue_size: queueSize,
    alert_id: alert.id,
    alert_type: alert.type,
    alert_direction: alert.direction,
    alert_trigger: alert.trigger,
    created_at: rfc3339Seconds(firedAtMs),
  });
}
