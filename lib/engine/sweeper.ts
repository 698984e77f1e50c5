// Removes expired messages and the leftovers of cleared or deleted queues in small batches, so
// housekeeping never holds the event loop (and the long polls and acknowledgements on it) for long.
// Expiry shrinks queues without any request, so the sweeper reports it on the change feed itself.
import type { Clock } from './clock';
import type { QueueChanges } from './queue-changes';
import type { QueueStore } from './store';

const SWEEP_INTERVAL_MS = 1_000;
/** Rows per batch: a few milliseconds of work at most. */
const SWEEP_BATCH = 2_000;

/**
 * Starts sweeping every second; returns a function that stops it. Queues that lose expired
 * messages are announced on `changes` (the engine's feed) as removals, for alerts (§4.9).
 */
export function startSweeper(
  store: QueueStore,
  clock: Clock,
  onError: (error: unknown) => void,
  changes?: QueueChanges,
): () => void {
  let isStopped = false;
  let cancelTimer = () => {};
  const sweepOnce = async () => {
    const { removed, expired } = await store.sweep(clock.nowMs(), SWEEP_BATCH);
    for (const { projectId, queueName, count, queue } of expired) changes?.emit({ projectId, queueName, count, queue, kind: 'removed' });
    return removed;
  };
  const round = async () => {
    try {
      // Keep going while batches come back full, yielding to requests between them.
      while (!isStopped && (await sweepOnce()) >= SWEEP_BATCH);
    } catch (error) {
      onError(error);
    }
    if (!isStopped) cancelTimer = clock.setTimer(SWEEP_INTERVAL_MS, round);
  };
  cancelTimer = clock.setTimer(SWEEP_INTERVAL_MS, round);
  return () => {
    isStopped = true;
    cancelTimer();
  };
}
