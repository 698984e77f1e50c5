// Background work started once per server process: counts what happens to each queue during a
// minute (from the engine's change feed) and, at each minute boundary, records one sample per
// active queue with its size. Idle queues write nothing; the HUD carries their last size forward.
import type { Clock } from '../engine/clock';
import type { QueueEngine } from '../engine/engine';
import type { QueueSample, StatsStore } from './stats-store';

const MINUTE_MS = 60_000;
/** Per-minute history is kept this long (the HUD's longest chart range). */
export const STATS_RETENTION_MS = 7 * 24 * 60 * MINUTE_MS;

type Counts = Pick<QueueSample, 'projectId' | 'queueName' | 'posted' | 'reserved' | 'removed'>;

/** One queue's counts for the minute in progress, not yet recorded in the store. */
export type MinuteInProgress = Pick<QueueSample, 'atMs' | 'posted' | 'reserved' | 'removed'>;

export interface StatsSampler {
  /** The minute in progress for one queue (zeros when idle), so charts show activity before the minute ends. */
  currentMinute(projectId: string, queueName: string): MinuteInProgress;
  /** Records the minute in progress now (used by stop, and by tests). */
  flush(): Promise<void>;
  stop(): Promise<void>;
}

const queueKey = (projectId: string, queueName: string) => `${projectId}\u0000${queueName}`;

export function startStatsSampler(options: { engine: QueueEngine; stats: StatsStore; clock: Clock; log: (line: string) => void }): StatsSampler {
  const { engine, stats, clock, log } = options;
  let counts = new Map<string, Counts>();
  let minuteStartMs = Math.floor(clock.nowMs() / MINUTE_MS) * MINUTE_MS;
  let cancelTimer = () => {};
  let lastPruneMs = 0;

  const unlisten = engine.changes.listen((change) => {
    // A release hands a message back: neither a post nor a removal in the charts.
    if (change.kind === 'released') return;
    const key = queueKey(change.projectId, change.queueName);
    let entry = counts.get(key);
    if (!entry) {
      entry = { projectId: change.projectId, queueName: change.queueName, posted: 0, reserved: 0, removed: 0 };
      counts.set(key, entry);
    }
    entry[change.kind] += change.count;
  });

  async function flush(): Promise<void> {
    const active = [...counts.values()];
    const atMs = minuteStartMs;
    counts = new Map();
    minuteStartMs = Math.floor(clock.nowMs() / MINUTE_MS) * MINUTE_MS;
    const samples: QueueSample[] = [];
    for (const entry of active) {
      const queue = await engine.findQueue(entry.projectId, entry.queueName);
      if (queue) samples.push({ ...entry, atMs, size: queue.size, totalMessages: queue.totalMessages });
    }
    if (samples.length > 0) await stats.record(samples);
    if (clock.nowMs() - lastPruneMs > 60 * MINUTE_MS) {
      lastPruneMs = clock.nowMs();
      await stats.prune(clock.nowMs() - STATS_RETENTION_MS);
    }
  }

  function schedule(): void {
    const nextMinuteMs = (Math.floor(clock.nowMs() / MINUTE_MS) + 1) * MINUTE_MS;
    cancelTimer = clock.setTimer(nextMinuteMs - clock.nowMs(), () => {
      flush().catch((error: unknown) => log(`stats: ${String(error)}`)).finally(schedule);
    });
  }
  schedule();

  return {
    currentMinute(projectId, queueName) {
      const entry = counts.get(queueKey(projectId, queueName));
      return { atMs: minuteStartMs, posted: entry?.posted ?? 0, reserved: entry?.reserved ?? 0, removed: entry?.removed ?? 0 };
    },
    flush,
    async stop() {
      unlisten();
      cancelTimer();
      await flush();
    },
  };
}
