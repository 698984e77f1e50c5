// Concurrent loops for the load generator: bounded ones that stop by themselves once their
// operation budget or time limit runs out, and background ones that run until told to stop.
import { performance } from 'node:perf_hooks';
import { postBody, reserveBody } from './http-client.mjs';

/** An hour's reservation (timeout in seconds, as on the wire): held messages stay reserved all case long. */
const HOLD = reserveBody({ n: 100, timeout: 3600 });

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

/**
 * Starts `concurrency` loops that call `step()` back to back until `stop()`, for load that runs
 * while something else is measured. A failed step stops every loop, so a dead server cannot leave
 * loops spinning; `stop()` waits for the steps in flight, then resolves with the steps completed
 * and the elapsed time, or rejects with the first error.
 */
export function startLoops(concurrency, step) {
  const startMs = performance.now();
  let isStopped = false;
  let ops = 0;
  let failure;
  const loop = async () => {
    while (!isStopped) {
      try {
        await step();
        ops += 1;
      } catch (error) {
        failure ??= error;
        isStopped = true;
      }
    }
  };
  const loops = Promise.all(Array.from({ length: concurrency }, loop));
  return {
    async stop() {
      isStopped = true;
      await loops;
      if (failure) throw failure;
      return { ops, elapsedMs: performance.now() - startMs };
    },
  };
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

/** Reserves `count` messages (a multiple of 100) of `queue` for an hour, 100 per request, 16 at a time. */
export async function holdMessages(client, queue, count) {
  let held = 0;
  await runWorkers({ concurrency: 16, maxOps: count / 100, maxMs: 120_000 }, async () => {
    const messages = await client.reserve(queue, HOLD);
    held += messages.length;
  });
  if (held < count) throw new Error(`held only ${held} of ${count} messages`);
}

/** Creates `count` empty queues named `nameOf(0..count-1)` with PUT, 16 at a time. */
export async function createQueues(client, count, nameOf, { maxMs = 120_000 } = {}) {
  let next = 0;
  const { ops, elapsedMs } = await runWorkers({ concurrency: 16, maxOps: count, maxMs }, () =>
    client.request('PUT', `${client.base}/${encodeURIComponent(nameOf(next++))}`, Buffer.from('{}')),
  );
  if (ops < count) throw new Error(`created only ${ops} of ${count} queues`);
  return { queues: ops, elapsedMs };
}
