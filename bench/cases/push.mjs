// Cases 7 and 8: push queues. Throughput: a backlog posted in batches of 100 is delivered to
// local subscribers answering 200 at once, multicast to 1 and to 3 subscribers; the figure is
// deliveries per second from the first post to the last delivery. Latency: single-message posts
// at a steady 2,000 msg/s, timed from each post's 201 to its arrival at the subscriber.
import { performance } from 'node:perf_hooks';
import { postBody } from '../lib/http-client.mjs';
import { runWorkers } from '../lib/load.mjs';
import { figure } from '../lib/report.mjs';
import { withServer } from '../lib/server-session.mjs';
import { perSecond, summarize } from '../lib/stats.mjs';
import { startSubscriber, waitForCount } from '../lib/subscriber.mjs';

const DELIVERY_TARGET = { op: '>=', value: 2_000 };
const BATCH = postBody(100, 100);
/** Posts in flight at once while building the backlog. */
const POSTERS = 8;
/** Steady post rate of the latency case (msg/s) and the largest number of posts in flight. */
const STEADY_RATE = 2_000;
const MAX_POSTS_IN_FLIGHT = 64;

/** Creates a multicast push queue delivering to `subscribers` (retries_delay in seconds). */
export async function createPushQueue(client, queue, subscribers) {
  const push = { subscribers: subscribers.map((s, i) => ({ name: `s${i}`, url: s.url })), retries: 3, retries_delay: 60 };
  await client.request('PUT', `${client.base}/${queue}`, Buffer.from(JSON.stringify({ queue: { push } })));
}

/** Posts `count` messages (a multiple of 100) to `queue` and waits for every delivery; returns timings. */
async function deliverBacklog(client, queue, subscribers, count, timeoutMs) {
  const already = subscribers.map((s) => s.received);
  const delivered = () => subscribers.reduce((sum, s, i) => sum + s.received - already[i], 0);
  const startMs = performance.now();
  await runWorkers({ concurrency: POSTERS, maxOps: count / 100, maxMs: timeoutMs }, () => client.post(queue, BATCH));
  const postedMs = performance.now();
  const doneMs = await waitForCount(delivered, count * subscribers.length, timeoutMs, `deliveries on ${queue}`);
  return { postMs: postedMs - startMs, elapsedMs: doneMs - startMs, deliveries: count * subscribers.length };
}

function throughputCase(fanOut) {
  const name = `push-${fanOut}`;
  return {
    name,
    title: `push delivery, multicast to ${fanOut} subscriber${fanOut === 1 ? '' : 's'}`,
    async run(context) {
      const messages = context.isQuick ? 2_000 : 20_000;
      const subscribers = await Promise.all(Array.from({ length: fanOut }, () => startSubscriber()));
      try {
        return await withServer(context, async ({ client }) => {
          await createPushQueue(client, 'warmup', subscribers);
          await createPushQueue(client, 'bench', subscribers);
          await deliverBacklog(client, 'warmup', subscribers, context.isQuick ? 200 : 2_000, 60_000);
          const run = await deliverBacklog(client, 'bench', subscribers, messages, 300_000);
          const rate = perSecond(run.deliveries, run.elapsedMs);
          return {
            figures: [
              figure(name, `deliveries, ${fanOut} subscriber${fanOut === 1 ? '' : 's'}`, rate, 'deliveries/s', DELIVERY_TARGET),
              ...(fanOut > 1 ? [figure(name, 'messages fully delivered', perSecond(messages, run.elapsedMs), 'msg/s')] : []),
            ],
            details: { messages, subscribers: fanOut, deliveries: run.deliveries, postMs: Math.round(run.postMs), elapsedMs: Math.round(run.elapsedMs) },
          };
        });
      } finally {
        await Promise.all(subscribers.map((s) => s.close()));
      }
    },
  };
}

export const pushOne = throughputCase(1);
export const pushThree = throughputCase(3);

/**
 * Posts one message at a time on a fixed schedule (open loop, at most MAX_POSTS_IN_FLIGHT
 * outstanding); returns, per message, when its 201 arrived and when the subscriber got it.
 */
export async function steadyPosts(client, subscriber, count) {
  const repliedMs = new Float64Array(count);
  const arrivedMs = new Float64Array(count);
  let arrived = 0;
  subscriber.onPush = (body, atMs) => {
    const index = Number(body.slice(body.indexOf('-') + 1));
    arrivedMs[index] = atMs;
    arrived += 1;
  };
  const startMs = performance.now();
  let sent = 0;
  let inFlight = 0;
  let lateTicks = 0;
  await new Promise((resolve, reject) => {
    const tick = () => {
      const due = Math.min(count, Math.floor(((performance.now() - startMs) * STEADY_RATE) / 1000) + 1);
      if (due - sent > 0 && inFlight >= MAX_POSTS_IN_FLIGHT) lateTicks += 1;
      while (sent < due && inFlight < MAX_POSTS_IN_FLIGHT) {
        const index = sent;
        sent += 1;
        inFlight += 1;
        client
          .post('bench', Buffer.from(`{"messages":[{"body":"lat-${index}"}]}`))
          .then(() => {
            repliedMs[index] = performance.now();
            inFlight -= 1;
          }, reject);
      }
      if (sent < count) setTimeout(tick, 1);
      else resolve();
    };
    tick();
  });
  await waitForCount(() => arrived, count, 60_000, 'steady deliveries');
  await waitForCount(() => count - inFlight, count, 60_000, 'post replies');
  return { repliedMs, arrivedMs, elapsedMs: performance.now() - startMs, lateTicks };
}

export const pushLatency = {
  name: 'push-latency',
  title: `push post→delivery latency at ${STEADY_RATE.toLocaleString('en-US')} msg/s`,
  async run(context) {
    const seconds = context.isQuick ? 3 : 15;
    const warmupCount = STEADY_RATE;
    const subscriber = await startSubscriber();
    try {
      return await withServer(context, async ({ client }) => {
        await createPushQueue(client, 'bench', [subscriber]);
        const total = warmupCount + STEADY_RATE * seconds;
        const run = await steadyPosts(client, subscriber, total);
        const latencies = [];
        let beforeReply = 0;
        for (let i = warmupCount; i < total; i += 1) {
          // The push may overtake the 201 on its way back: that message waited 0 ms.
          const waitedMs = run.arrivedMs[i] - run.repliedMs[i];
          if (waitedMs < 0) beforeReply += 1;
          latencies.push(Math.max(waitedMs, 0));
        }
        const latency = summarize(latencies);
        return {
          figures: [
            figure('push-latency', 'post→delivery p50', latency.p50Ms, 'ms', { op: '<', value: 10 }),
            figure('push-latency', 'post→delivery p99', latency.p99Ms, 'ms', { op: '<', value: 50 }),
            figure('push-latency', 'steady rate achieved', perSecond(total, run.elapsedMs), 'msg/s', { op: '>=', value: STEADY_RATE * 0.95 }),
          ],
          details: { rate: STEADY_RATE, samples: latencies.length, latency, deliveredBeforeReply: beforeReply, lateTicks: run.lateTicks },
        };
      });
    } finally {
      await subscriber.close();
    }
  },
};
