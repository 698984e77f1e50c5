// Bounded concurrent loops for the load generator: every loop stops by itself once its operation
// budget or its time limit runs out, whichever comes first.
import { performance } from 'node:perf_hooks';
import { postBody } from './http-client.mjs';

/**
 * Runs `concurrency` workers; each calls `step()` until `step` returns false, `maxOps` steps have
 * started in total, or `maxMs` has passed. Resolves with the steps done and the elapsed time.
 */
export async function runWorkers({ concurrency, maxOps = Infinity, maxMs }, step) {
  const startMs = performance.now();
  const deadlineMs = startMs + maxMs;
  let started = 0;
  let isDone = false;
  const worker = async () => {
    while (!isDone && started < maxOps && performance.now() < deadlineMs) {
      started += 1;
      if ((await step()) === false) isDone = true;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return { ops: started, elapsedMs: performance.now() - startMs };
}

/** Fills `queue` with `count` messages (a multiple of 100) of `bodyBytes`, 100 per post, 16 at a time. */
export async function fillQueue(client, queue, count, { bodyBytes = 100, maxMs = 300_000 } = {}) {
  const body = postBody(100, bodyBytes);
  const { ops, elapsedMs } = await runWorkers({ concurrency: 16, maxOps: Math.ceil(count / 100), maxMs }, () =>
    client.post(queue, body),
  );
  if (ops * 100 < count) throw new Error(`filling ${queue} stopped at ${ops * 100} of ${count} messages`);
  return { messages: ops * 100, elapsedMs };
}
