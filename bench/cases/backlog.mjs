// Case 5: reserve latency with a backlog. Sequential reserve n=1 (each message then deleted) on a
// nearly empty queue, then on a queue of 1,000,000 messages with 100,000 of them reserved, and
// the server's memory while it holds that backlog. Also the queue's counts by state (v1's GET
// queue, which the HUD's queue page and every metrics scrape ask for too) on both queues, and a
// metrics scrape (which counts the largest queues) beside each.
import { performance } from 'node:perf_hooks';
import { reserveBody } from '../lib/http-client.mjs';
import { fillQueue, holdMessages } from '../lib/load.mjs';
import { measureForeignCpu } from '../lib/machine.mjs';
import { figure } from '../lib/report.mjs';
import { scrapeMetrics } from '../lib/scrape.mjs';
import { PROJECT_ID } from '../lib/server.mjs';
import { withServer } from '../lib/server-session.mjs';
import { summarize } from '../lib/stats.mjs';

/** Untimed rounds first: the baseline runs on a fresh server whose reserve path the JIT has not yet optimised. */
const WARMUP_SAMPLES = 200;
const RESERVE_ONE = reserveBody({ n: 1, timeout: 60 });
const SMALL_QUEUE_SIZE = 1_000;
/** Brings the small queue back to about its first size after the first round of samples. */
const SMALL_QUEUE_TOP_UP = 600;
/** Metrics scrapes timed beside each queue. */
const SCRAPES = 20;

/**
 * Reserves then deletes one message at a time; returns the reserve and delete round trips (ms)
 * and the cores other processes took meanwhile (a burst elsewhere skews one phase's tail).
 */
async function sampleLatency({ server, client }, queue, samples, maxMs) {
  const foreignCpu = measureForeignCpu([server.pid]);
  const reserveMs = [];
  const deleteMs = [];
  const deadlineMs = performance.now() + maxMs;
  for (let i = 0; i < WARMUP_SAMPLES + samples && performance.now() < deadlineMs; i += 1) {
    const startMs = performance.now();
    const messages = await client.reserve(queue, RESERVE_ONE);
    const reservedMs = performance.now();
    if (messages.length === 0) throw new Error(`${queue} ran dry after ${i} samples`);
    await client.deleteReserved(queue, messages);
    if (i < WARMUP_SAMPLES) continue;
    reserveMs.push(reservedMs - startMs);
    deleteMs.push(performance.now() - reservedMs);
  }
  return { reserve: summarize(reserveMs), delete: summarize(deleteMs), otherProcessesCores: foreignCpu.stop() };
}

/** Sequential v1 GET queue requests, whose reply counts the queue's reserved messages; their round trips (ms). */
async function sampleCounts({ client }, queue, samples) {
  const path = `/1/projects/${PROJECT_ID}/queues/${queue}`;
  const roundTripsMs = [];
  for (let i = 0; i < samples; i += 1) {
    const startMs = performance.now();
    const { text } = await client.request('GET', path, Buffer.alloc(0));
    roundTripsMs.push(performance.now() - startMs);
    if (!('reserved' in JSON.parse(text))) throw new Error(`GET ${path} answered without counts: ${text}`);
  }
  return summarize(roundTripsMs);
}

/** Sequential scrapes of /metrics, after one untimed (prom-client's first collection is slow); their round trips (ms). */
async function sampleScrapes({ server }, samples) {
  await scrapeMetrics(server.port);
  const roundTripsMs = [];
  for (let i = 0; i < samples; i += 1) roundTripsMs.push(await scrapeMetrics(server.port));
  return summarize(roundTripsMs);
}

export const backlog = {
  name: 'backlog',
  title: 'reserve latency with a backlog',
  async run(context) {
    const backlogSize = context.isQuick ? 20_000 : 1_000_000;
    const heldCount = backlogSize / 10;
    const samples = context.isQuick ? 100 : 500;
    const maxMs = context.isQuick ? 10_000 : 60_000;
    return withServer(context, async (session) => {
      const { server, client } = session;
      await fillQueue(client, 'small', SMALL_QUEUE_SIZE);
      const empty = await sampleLatency(session, 'small', samples, maxMs);
      const emptyCounts = await sampleCounts(session, 'small', samples);
      const emptyScrapes = await sampleScrapes(session, SCRAPES);

      const fill = await fillQueue(client, 'big', backlogSize, { maxMs: 400_000 });
      await holdMessages(client, 'big', heldCount);
      const full = await sampleLatency(session, 'big', samples, maxMs);
      const fullCounts = await sampleCounts(session, 'big', samples);
      const fullScrapes = await sampleScrapes(session, SCRAPES);
      const memory = server.memoryMb();

      // The small queue again, topped up, now beside the backlog: separates database size from queue size.
      await fillQueue(client, 'small', SMALL_QUEUE_TOP_UP);
      const emptyAfter = await sampleLatency(session, 'small', samples, maxMs);

      const ratio = Math.round((full.reserve.p50Ms / empty.reserve.p50Ms) * 100) / 100;
      const countsRatio = Math.round((fullCounts.p50Ms / emptyCounts.p50Ms) * 100) / 100;
      const scrapesRatio = Math.round((fullScrapes.p50Ms / emptyScrapes.p50Ms) * 100) / 100;
      return {
        figures: [
          figure('backlog', 'reserve p50, ~1k queue', empty.reserve.p50Ms, 'ms'),
          figure('backlog', 'reserve p99, ~1k queue', empty.reserve.p99Ms, 'ms'),
          figure('backlog', 'reserve p50, backlog', full.reserve.p50Ms, 'ms'),
          figure('backlog', 'reserve p99, backlog', full.reserve.p99Ms, 'ms'),
          figure('backlog', 'backlog p50 / 1k-queue p50', ratio, 'x', { op: '<', value: 2 }),
          figure('backlog', 'server RSS with backlog', Math.round(memory.rssMb), 'MB', { op: '<', value: 300 }),
          figure('backlog', 'counts by state p50, ~1k queue', emptyCounts.p50Ms, 'ms'),
          figure('backlog', 'counts by state p50, backlog', fullCounts.p50Ms, 'ms'),
          figure('backlog', 'counts: backlog / 1k-queue p50', countsRatio, 'x', { op: '<', value: 2 }),
          figure('backlog', 'metrics scrape p50, ~1k queue', emptyScrapes.p50Ms, 'ms'),
          figure('backlog', 'metrics scrape p50, backlog', fullScrapes.p50Ms, 'ms'),
          figure('backlog', 'scrape: backlog / 1k-queue p50', scrapesRatio, 'x', { op: '<', value: 2 }),
        ],
        details: {
          backlog: { messages: backlogSize, held: heldCount, fillMs: Math.round(fill.elapsedMs) },
          smallQueue: empty,
          backlogQueue: full,
          smallQueueBesideBacklog: emptyAfter,
          counts: { smallQueue: emptyCounts, backlogQueue: fullCounts },
          metricsScrapes: { smallQueue: emptyScrapes, backlogQueue: fullScrapes },
          memoryMb: { rss: Math.round(memory.rssMb), peakRss: Math.round(memory.peakRssMb) },
        },
        disturbanceCores: Math.max(empty.otherProcessesCores, full.otherProcessesCores),
      };
    });
  },
};
