// Past per-minute history for the README's screenshots, written straight into the server's stats
// store (SQLite in WAL mode allows a second writer): a chart of a day's traffic cannot wait a day.
// Each minute is simulated, so the curves agree with each other: traffic with a morning and an
// evening peak, consumers with a fixed capacity that leave `endSize` messages in flight, and a
// backlog that builds while posts outrun them and drains after.
import { openSqliteStatsStore } from '../../lib/stats/sqlite-stats-store';
import type { QueueSample } from '../../lib/stats/stats-store';
import { DATA_DIR } from './env';

const MINUTE_MS = 60_000;
/** The simulated day ends at this hour, whatever the clock says: the evening peak is draining, so the last hour has a shape. */
const END_HOUR = 22;

/** A small seeded generator, so every run draws the same curves. */
function randomFrom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface TrafficShape {
  /** Messages posted per second at the busiest time of day. */
  peakPerSecond: number;
  /** Messages the consumers remove per second at most. */
  capacityPerSecond: number;
  seed: number;
}

/** Share of the peak traffic at an hour of the day (0–24, fractional): quiet nights, two peaks. */
function dailyLoad(hour: number): number {
  const peak = (centre: number, width: number) => Math.exp(-(((hour - centre) / width) ** 2));
  return 0.15 + 0.75 * peak(10.5, 2.5) + 0.85 * peak(19, 2);
}

/** Writes `minutes` of history for a queue, ending with the minute before this one. */
export async function seedHistory(projectId: string, queueName: string, endSize: number, minutes: number, shape: TrafficShape): Promise<void> {
  const random = randomFrom(shape.seed);
  const firstMinuteMs = Math.floor(Date.now() / MINUTE_MS) * MINUTE_MS - minutes * MINUTE_MS;
  const samples: QueueSample[] = [];
  let size = endSize;
  let total = 0;
  for (let i = 0; i < minutes; i += 1) {
    const atMs = firstMinuteMs + i * MINUTE_MS;
    const load = dailyLoad((END_HOUR - (minutes - 1 - i) / 60 + 48) % 24);
    const posted = Math.round(shape.peakPerSecond * 60 * load * (0.75 + 0.5 * random()));
    const capacity = Math.round(shape.capacityPerSecond * 60 * (0.9 + 0.2 * random()));
    const removed = Math.max(0, Math.min(size + posted - endSize, capacity));
    size += posted - removed;
    total += posted;
    // A few reservations time out and are reserved again.
    const reserved = removed + Math.round(removed * 0.08 * random());
    samples.push({ projectId, queueName, atMs, size, totalMessages: total, posted, reserved, removed });
  }
  const stats = openSqliteStatsStore(DATA_DIR);
  try {
    await stats.record(samples);
  } finally {
    await stats.close();
  }
}
