// Case 4: long-poll wake-up latency. Consumers wait (`wait: 30`) on an empty queue; a producer
// posts one message at a time and times from its post's 201 to the waiting reserve's reply.
import { performance } from 'node:perf_hooks';
import { postBody, reserveBody } from '../lib/http-client.mjs';
import { figure } from '../lib/report.mjs';
import { withServer } from '../lib/server-session.mjs';
import { summarize } from '../lib/stats.mjs';

const CONSUMERS = 4;
const WARMUP_SAMPLES = 20;
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
    if (this.arrived.has(id)) return Promise.resolve(this.arrived.get(id));
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
async function consumer(client, arrivals, signal) {
  while (!signal.aborted) {
    let messages;
    try {
      messages = await client.reserve('bench', LONG_POLL, signal);
    } catch (error) {
      if (signal.aborted) return;
      throw error;
    }
    const arrivedMs = performance.now();
    for (const message of messages) {
      await client.deleteReserved('bench', [message]);
      arrivals.deliver(message.id, arrivedMs);
    }
  }
}

export const longPoll = {
  name: 'long-poll',
  title: 'long-poll wake-up latency',
  async run(context) {
    const samples = context.isQuick ? 50 : 500;
    const maxMs = context.isQuick ? 20_000 : 120_000;
    return withServer(context, async ({ client }) => {
      await client.request('PUT', `${client.base}/bench`, Buffer.from('{}'));
      const arrivals = new Arrivals();
      const abort = new AbortController();
      const consumers = Array.from({ length: CONSUMERS }, () =>
        consumer(client, arrivals, abort.signal).catch((error) => arrivals.fail(error)),
      );
      const latencies = [];
      const postLatencies = [];
      try {
        const deadlineMs = performance.now() + maxMs;
        for (let i = 0; i < WARMUP_SAMPLES + samples && performance.now() < deadlineMs; i += 1) {
          const startMs = performance.now();
          const { text } = await client.post('bench', ONE_MESSAGE);
          const repliedMs = performance.now();
          const arrivedMs = await arrivals.take(JSON.parse(text).ids[0]);
          if (i < WARMUP_SAMPLES) continue;
          latencies.push(arrivedMs - repliedMs);
          postLatencies.push(repliedMs - startMs);
        }
      } finally {
        abort.abort();
        await Promise.all(consumers);
      }
      const wake = summarize(latencies);
      return {
        figures: [
          figure('long-poll', 'wake-up p50', wake.p50Ms, 'ms', { op: '<', value: 1 }),
          figure('long-poll', 'wake-up p99', wake.p99Ms, 'ms', { op: '<', value: 5 }),
        ],
        details: { consumers: CONSUMERS, wakeUp: wake, postRoundTrip: summarize(postLatencies) },
      };
    });
  },
};
