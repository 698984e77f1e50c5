// The workloads, written once against the System/Queue interface (system.mjs) so every system is
// driven and timed the same way: produce N bodies in batches, consume N with acknowledgement,
// and a paced mixed run that measures produce-to-consume latency and whether consumers keep up.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { runWorkers } from '../lib/load.mjs';
import { perSecond, summarize } from '../lib/stats.mjs';
import { sentMsOf, timedBody } from './lib/body.mjs';

/** Messages per batch for every system: IronMQ's maximum per post, and the size RabbitMQ's confirm tutorial uses. */
export const BATCH = 100;
/** Producers (connections, channels, HTTP clients) with a batch in flight each, the same for every system. */
export const PRODUCERS = 8;
/** How often the mixed run's pacer sends what is due (ms): 20 messages per tick at 2,000 msg/s. */
const TICK_MS = 10;
/** How long the mixed run waits for stragglers after the producers stop (ms). */
const DRAIN_MS = 5_000;

/** Opens `count` publishers and hands them out so that each concurrent worker owns one at a time. */
async function publisherPool(queue, count) {
  const idle = await Promise.all(Array.from({ length: count }, () => queue.publisher()));
  const all = [...idle];
  return {
    async publish(batch) {
      const publisher = idle.pop();
      try {
        await publisher.publish(batch);
      } finally {
        idle.push(publisher);
      }
    },
    hasIdle: () => idle.length > 0,
    close: () => Promise.all(all.map((publisher) => publisher.close())),
  };
}

/**
 * Publishes `count` bodies of `bodyBytes` (a multiple of BATCH) with PRODUCERS batches in flight;
 * stops early after `maxMs`. Returns the messages acknowledged and the rate.
 */
export async function produce(queue, { count, bodyBytes, maxMs }) {
  const batch = queue.encode(Array(BATCH).fill(timedBody(bodyBytes)));
  const pool = await publisherPool(queue, PRODUCERS);
  try {
    const limits = { concurrency: PRODUCERS, maxOps: count / BATCH, maxMs };
    const { ops, elapsedMs } = await runWorkers(limits, () => pool.publish(batch));
    return { messages: ops * BATCH, elapsedMs: Math.round(elapsedMs), rate: perSecond(ops * BATCH, elapsedMs) };
  } finally {
    await pool.close();
  }
}

/** Consumes and acknowledges `count` messages, or what it can within `maxMs`; returns the rate. */
export async function consume(queue, { count, maxMs }) {
  const startMs = performance.now();
  const consumer = await queue.consume({ limit: count, onBody: () => {} });
  try {
    await Promise.race([consumer.done, sleep(maxMs)]);
    const elapsedMs = performance.now() - startMs;
    return { messages: consumer.acked(), elapsedMs: Math.round(elapsedMs), rate: perSecond(consumer.acked(), elapsedMs) };
  } finally {
    await consumer.stop();
  }
}

/**
 * Producers send `rate` messages/s of `bodyBytes`, each stamped with its send time, for
 * `durationMs` while consumers run. Latency runs from the send stamp to receipt by a consumer.
 * `consumedShare` is the share of the sent messages already received when sending stopped;
 * messages that arrive during the drain afterwards still count for latency. `ackedInRun` and
 * `ackedRate` count the messages consumers had acknowledged by then (per second of sending), for
 * runs that ask whether consumers keep up. A producer that is still waiting for acknowledgements
 * when a batch is due holds back (`isHeldBack`) and catches up later, so `sentRate` shows whether
 * the system kept the pace.
 */
export async function mixed(queue, { rate, durationMs, bodyBytes }) {
  const latenciesMs = [];
  const consumer = await queue.consume({
    limit: Infinity,
    onBody: (body) => latenciesMs.push(performance.now() - sentMsOf(body)),
  });
  let consumerError;
  consumer.done.catch((error) => {
    consumerError = error;
  });
  const pool = await publisherPool(queue, PRODUCERS);
  const inFlight = new Set();
  let sent = 0;
  let isHeldBack = false;
  const startMs = performance.now();
  const due = () => Math.min(Math.floor(((performance.now() - startMs) * rate) / 1000) - sent, BATCH);
  const send = (count) => {
    const publishing = pool.publish(queue.encode(Array.from({ length: count }, () => timedBody(bodyBytes))));
    inFlight.add(publishing);
    publishing.then(() => inFlight.delete(publishing), () => {});
    sent += count;
  };
  try {
    while (performance.now() - startMs < durationMs) {
      for (let count = due(); count > 0 && pool.hasIdle(); count = due()) send(count);
      if (due() > 0) isHeldBack = true;
      await sleep(TICK_MS);
    }
    const sendMs = performance.now() - startMs;
    const receivedAtEnd = latenciesMs.length;
    const ackedInRun = consumer.acked();
    await Promise.all(inFlight);
    const drainDeadlineMs = performance.now() + DRAIN_MS;
    while (latenciesMs.length < sent && performance.now() < drainDeadlineMs) await sleep(TICK_MS);
    if (consumerError) throw consumerError;
    return {
      targetRate: rate,
      durationMs,
      sent,
      sentRate: perSecond(sent, sendMs),
      isHeldBack,
      received: latenciesMs.length,
      consumedShare: sent === 0 ? 0 : receivedAtEnd / sent,
      ackedInRun,
      ackedRate: perSecond(ackedInRun, sendMs),
      latency: summarize(latenciesMs),
    };
  } finally {
    await Promise.allSettled(inFlight);
    await pool.close();
    await consumer.stop();
  }
}
