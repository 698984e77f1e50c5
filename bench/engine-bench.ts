// Case 6, the in-process half: the engine over the SQLite store without HTTP. 16 concurrent
// callers post batches of 100, then reserve 100 + deleteMessages until the queue is empty.
// Bundled and started by cases/engine.mjs; takes its settings as JSON in argv[2] and prints
// its figures as one JSON line.
import { performance } from 'node:perf_hooks';
import { systemClock } from '../lib/engine/clock';
import { QueueEngine } from '../lib/engine/engine';
import { SqliteQueueStore } from '../lib/engine/sqlite/sqlite-store';

interface Settings {
  /** Database file of a fresh store. */
  dbPath: string;
  /** Messages to post, a multiple of 100. */
  messages: number;
  /** Time limit of each phase (ms). */
  maxMs: number;
}

const PROJECT_ID = '5f1e2d3c4b5a69788796a5b4';
const QUEUE = 'bench';
const CONCURRENCY = 16;
const BATCH = Array.from({ length: 100 }, () => ({ body: 'x'.repeat(100) }));

/** Runs CONCURRENCY loops of `step` until it returns 0, the time runs out or `maxItems` are done. */
async function timed(maxItems: number, maxMs: number, step: () => Promise<number>) {
  const startMs = performance.now();
  let items = 0;
  let isDone = false;
  const loop = async () => {
    while (!isDone && items < maxItems && performance.now() - startMs < maxMs) {
      const count = await step();
      if (count === 0) isDone = true;
      items += count;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, loop));
  const elapsedMs = performance.now() - startMs;
  return { items, elapsedMs: Math.round(elapsedMs), perSecond: Math.round((items * 1000) / elapsedMs) };
}

async function main(settings: Settings): Promise<void> {
  const store = new SqliteQueueStore({ path: settings.dbPath });
  const engine = new QueueEngine({ store, clock: systemClock });
  try {
    const post = await timed(settings.messages, settings.maxMs, async () => {
      return (await engine.postMessages(PROJECT_ID, QUEUE, BATCH)).length;
    });
    const consume = await timed(Infinity, settings.maxMs, async () => {
      const reserved = await engine.reserveMessages(PROJECT_ID, QUEUE, { n: 100, timeoutMs: 60_000 });
      if (reserved.length === 0) return 0;
      await engine.deleteMessages(PROJECT_ID, QUEUE, reserved.map(({ id, reservationId }) => ({ id, reservationId })));
      return reserved.length;
    });
    process.stdout.write(`${JSON.stringify({ post, consume })}\n`);
  } finally {
    await store.close();
  }
}

main(JSON.parse(process.argv[2] ?? '{}') as Settings).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
