// Long-poll wake-up latency, measured one way for every case that reports it: consumers wait
// (`wait: 30`) on an otherwise empty queue; a prober posts one message at a time and times from
// its post's reply to the reply of the reserve that took the message.
import { performance } from 'node:perf_hooks';
import { postBody, reserveBody } from './http-client.mjs';
import { summarize } from './stats.mjs';

/** Long polls waiting at once: more than one, so a wake-up must pick a waiter, as it does in production. */
export const PROBE_CONSUMERS = 4;
/** A sample whose message is not consumed within this time fails the case (ms). */
const SAMPLE_TIMEOUT_MS = 35_000;
const LONG_POLL = reserveBody({ n: 1, timeout: 60, wait: 30 });
const ONE_MESSAGE = postBody(1, 100);

/** Arrival times by message id, whichever of producer and consumer gets there first. */
class Arrivals {
  constructor() {
    this.arrived = new Map();
    this.pending = new Map();
    this.failure = null;
  }

  deliver(id, arrivedMs) {
    const waiter = this.pending.get(id);
    if (waiter) waiter.resolve(arrivedMs);
    else this.arrived.set(id, arrivedMs);
  }

  /** A consumer died: the producer stops at once instead of waiting out its sample timeout. */
  fail(error) {
    this.failure ??= error;
    for (const waiter of this.pending.values()) waiter.reject(error);
  }

  take(id) {
    if (this.failure) return Promise.reject(this.failure);
    if (this.arrived.has(id)) {
      const arrivedMs = this.arrived.get(id);
      this.arrived.delete(id);
      return Promise.resolve(arrivedMs);
    }
    let timer;
    return Promise.race([
      new Promise((resolve, reject) => this.pending.set(id, { resolve, reject })),
      new Promise((_, reject) => {
        const error = new Error(`message ${id} not consumed in ${SAMPLE_TIMEOUT_MS} ms`);
        timer = setTimeout(() => reject(error), SAMPLE_TIMEOUT_MS);
      }),
    ]).finally(() => {
      clearTimeout(timer);
      this.pending.delete(id);
    });
  }
}

/** Waits, takes a message, records when its reply arrived and deletes it; stops on abort. */
async function consumer(client, queue, arrivals, signal) {
  while (!signal.aborted) {
    let messages;
    try {
      messages = await client.reserve(queue, LONG_POLL, signal);
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    const arrivedMs = performance.now();
    for (const message of messages) {
      await client.deleteReserved(queue, [message]);
      arrivals.deliver(message.id, arrivedMs);
    }
  }
}

/**
 * Creates `queue` and starts PROBE_CONSUMERS long polls on it. `sample()` may run several times
 * (one per phase of a case); `stop()` aborts the polls and must run however the case ends.
 */
export async function startProbe(client, queue) {
  await client.request('PUT', `${client.base}/${queue}`, Buffer.from('{}'));
  const arrivals = new Arrivals();
  const abort = new AbortController();
  const consumers = Array.from({ length: PROBE_CONSUMERS }, () =>
    consumer(client, queue, arrivals, abort.signal).catch((error) => arrivals.fail(error)),
  );
  return {
    /**
     * Posts `warmup` untimed messages, then `samples` timed ones, one at a time, stopping early
     * after `maxMs`. Returns summaries of the wake-up (post reply → reserve reply) and of the
     * post's own round trip, in ms.
     */
    async sample({ warmup, samples, maxMs }) {
      const wakeUps = [];
      const postRoundTrips = [];
      const deadlineMs = performance.now() + maxMs;
      for (let i = 0; i < warmup + samples && performance.now() < deadlineMs; i += 1) {
        const startMs = performance.now();
        const { text } = await client.post(queue, ONE_MESSAGE);
        const repliedMs = performance.now();
        const arrivedMs = await arrivals.take(JSON.parse(text).ids[0]);
        if (i < warmup) continue;
        wakeUps.push(arrivedMs - repliedMs);
        postRoundTrips.push(repliedMs - startMs);
      }
      return { wakeUp: summarize(wakeUps), postRoundTrip: summarize(postRoundTrips) };
    },
    async stop() {
      abort.abort();
      await Promise.all(consumers);
    },
  };
}
