// Per-queue series, bounded: the FERRO_METRICS_MAX_QUEUES largest queues get series of their
// own and every other queue is summed into `queue="(other)"`, so 10,000 queues never become
// 10,000 × 8 series. Sizes and counts are read from the store at scrape time; reserved,
// deleted and dead-lettered totals are counted from the engine's change signal since the start.
import { Counter, Gauge, type Registry } from 'prom-client';
import type { QueueEngine } from '../engine/engine';
import type { QueueChange } from '../engine/queue-changes';

const OTHER = '(other)';
/** Queues whose totals are kept in memory at most; the least recently changed go first. */
const MAX_COUNTED_QUEUES = 100_000;

interface Totals {
  reserved: number;
  deleted: number;
  deadLettered: number;
}

const keyOf = (projectId: string, queue: string) => `${projectId}\u0000${queue}`;

export function watchQueues(registry: Registry, engine: QueueEngine, maxQueues: number): void {
  const totals = new Map<string, Totals>();
  engine.changes.listen((change: QueueChange) => {
    if (change.kind !== 'reserved' && change.kind !== 'removed') return;
    const key = keyOf(change.projectId, change.queueName);
    const entry = totals.get(key) ?? { reserved: 0, deleted: 0, deadLettered: 0 };
    totals.delete(key);
    totals.set(key, entry);
    if (totals.size > MAX_COUNTED_QUEUES) totals.delete(totals.keys().next().value!);
    if (change.kind === 'reserved') entry.reserved += change.count;
    else if (change.isDeadLetterMove) entry.deadLettered += change.count;
    else entry.deleted += change.count;
  });

  // One store read per scrape serves every series: each series' collect waits for the same
  // refresh, so none is read before it is filled (prom-client collects them concurrently).
  let refreshing: Promise<void> | undefined;
  const refresh = () => (refreshing ??= load().finally(() => (refreshing = undefined)));
  const labelNames = ['project_id', 'queue'] as const;
  const gauge = (name: string, help: string) => new Gauge({ name, help, labelNames, registers: [registry], collect: refresh });
  const counter = (name: string, help: string) => new Counter({ name, help, labelNames, registers: [registry], collect: refresh });
  const size = gauge('ferro_queue_size', 'Messages stored in the queue (ready, reserved and delayed).');
  const reserved = gauge('ferro_queue_reserved', 'Messages reserved now.');
  const delayed = gauge('ferro_queue_delayed', 'Messages delayed now.');
  const oldest = gauge('ferro_queue_oldest_ready_age_seconds', 'Age of the message at the front of the queue; 0 when none is available.');
  const posted = counter('ferro_queue_messages_posted_total', 'Messages ever posted to the queue.');
  const reservedTotal = counter('ferro_queue_messages_reserved_total', 'Messages reserved since this process started.');
  const deleted = counter('ferro_queue_messages_deleted_total', 'Messages deleted, cleared or expired since this process started.');
  const deadLettered = counter('ferro_queue_messages_dead_lettered_total', 'Messages moved to the dead-letter queue since this process started.');
  const series = [size, reserved, delayed, oldest, posted, reservedTotal, deleted, deadLettered];

  async function load(): Promise<void> {
    for (const metric of series) metric.reset();
    const nowMs = engine.clock.nowMs();
    const stats = await engine.store.queueStats(maxQueues, nowMs);
    const rest = { size: stats.all.size, totalMessages: stats.all.totalMessages, ...zeroTotals() };
    const shown = new Set<string>();
    for (const queue of stats.largest) {
      const labels = { project_id: queue.projectId, queue: queue.name };
      const counted = totals.get(keyOf(queue.projectId, queue.name)) ?? zeroTotals();
      shown.add(keyOf(queue.projectId, queue.name));
      size.set(labels, queue.size);
      reserved.set(labels, queue.reserved);
      delayed.set(labels, queue.delayed);
      oldest.set(labels, queue.oldestReadyAtMs === null ? 0 : Math.max(0, nowMs - queue.oldestReadyAtMs) / 1000);
      posted.inc(labels, queue.totalMessages);
      reservedTotal.inc(labels, counted.reserved);
      deleted.inc(labels, counted.deleted);
      deadLettered.inc(labels, counted.deadLettered);
      rest.size -= queue.size;
      rest.totalMessages -= queue.totalMessages;
    }
    for (const [key, counted] of totals) {
      if (shown.has(key)) continue;
      rest.reserved += counted.reserved;
      rest.deleted += counted.deleted;
      rest.deadLettered += counted.deadLettered;
    }
    if (stats.all.queues > stats.largest.length) {
      const labels = { project_id: OTHER, queue: OTHER };
      size.set(labels, rest.size);
      posted.inc(labels, rest.totalMessages);
      reservedTotal.inc(labels, rest.reserved);
      deleted.inc(labels, rest.deleted);
      deadLettered.inc(labels, rest.deadLettered);
    }
  }
}

function zeroTotals(): Totals {
  return { reserved: 0, deleted: 0, deadLettered: 0 };
}
