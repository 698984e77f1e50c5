// Cases 10 and 11: the HUD's push inspection and redrive at scale, signed in like a browser.
// Inspector: a push queue with 100,000 deliveries recorded (two subscribers, one failing every
// 20th message to an error queue); sequential GETs of the delivery log (first page, filters, a
// deep cursor) and of one message's inspector, each to the reply's last byte. Redrive: 100,000
// messages moved out of a dead-letter queue at the highest rate the HUD offers, timed by the job's
// own start and end; meanwhile, and before it, long polls on another queue are woken by single
// posts, so the wake-up latency during the redrive compares with the same server idle.
import http from 'node:http';
import { performance } from 'node:perf_hooks';
import { reserveBody } from '../lib/http-client.mjs';
import { HudClient } from '../lib/hud-client.mjs';
import { fillQueue, runWorkers } from '../lib/load.mjs';
import { figure } from '../lib/report.mjs';
import { ADMIN_EMAIL, ADMIN_PASSWORD, PROJECT_ID } from '../lib/server.mjs';
import { withServer } from '../lib/server-session.mjs';
import { perSecond, summarize } from '../lib/stats.mjs';

const api = `/api/projects/${PROJECT_ID}/queues`;
/** The bar for the delivery log and the inspector (ms of BFF time). */
const INSPECT_TARGET = { op: '<', value: 200 };
const WARMUP_REQUESTS = 5;
/** The HUD's highest redrive rate (lib/engine/limits.ts MAX_REDRIVE_RATE). */
const REDRIVE_RATE = 10_000;

/** A subscriber on 127.0.0.1 answering 500 to every 20th message (by its body's number), 200 to the rest. */
async function startPickySubscriber() {
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => res.writeHead(Number(Buffer.concat(chunks).toString().slice(2)) % 20 === 0 ? 500 : 200).end());
  });
  server.keepAliveTimeout = 60_000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${server.address().port}`;
  return { base, close: () => new Promise((resolve) => server.closeAllConnections() || server.close(resolve)) };
}

/** Waits until `check()` is true, polling every `everyMs`; fails after `timeoutMs`. */
async function until(check, what, timeoutMs, everyMs = 250) {
  const deadline = performance.now() + timeoutMs;
  while (!(await check())) {
    if (performance.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}

async function sizeOf(client, queue) {
  const { text } = await client.request('GET', `${client.base}/${queue}`, Buffer.alloc(0));
  return JSON.parse(text).queue.size;
}

/** Sequential timed GETs after a warm-up; the first reply is checked so a wrong 200 never passes. */
async function sample(hud, path, check, samples) {
  const latencies = [];
  for (let i = 0; i < WARMUP_REQUESTS + samples; i += 1) {
    const { text, ms } = await hud.get(path);
    if (i === 0 && !check(JSON.parse(text))) throw new Error(`GET ${path}: unexpected reply ${text.slice(0, 300)}`);
    if (i >= WARMUP_REQUESTS) latencies.push(ms);
  }
  return summarize(latencies);
}

export const inspector = {
  name: 'inspector',
  title: 'HUD delivery log and inspector, 100,000 deliveries',
  async run(context) {
    const messages = context.isQuick ? 5_000 : 50_000;
    const samples = context.isQuick ? 10 : 30;
    const subscriber = await startPickySubscriber();
    try {
      return await withServer(
        context,
        async ({ server, client }) => {
          const subscribers = [{ name: 'a', url: `${subscriber.base}/a` }, { name: 'b', url: `${subscriber.base}/b` }];
          const push = { subscribers, retries: 1, retries_delay: 60, error_queue: 'errors' };
          await client.request('PUT', `${client.base}/push`, Buffer.from(JSON.stringify({ queue: { type: 'multicast', push } })));
          const ids = [];
          let next = 0;
          const fillStartMs = performance.now();
          await runWorkers({ concurrency: 8, maxOps: messages / 100, maxMs: 300_000 }, async () => {
            const first = next;
            next += 100;
            const body = JSON.stringify({ messages: Array.from({ length: 100 }, (_, i) => ({ body: `m-${first + i}` })) });
            const { text } = await client.post('push', Buffer.from(body));
            JSON.parse(text).ids.forEach((id, i) => (ids[first + i] = id));
          });
          await until(async () => (await sizeOf(client, 'push')) === 0, 'every delivery settled', 600_000, 500);
          const deliverMs = performance.now() - fillStartMs;
          const hud = new HudClient({ port: server.port });
          try {
            await hud.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
            const middle = ids[Math.floor(messages / 2)];
            const page = (b) => b.deliveries.length === 50;
            const screens = [
              { what: 'delivery log, newest', path: `${api}/push/deliveries`, check: page },
              { what: 'delivery log, failed only', path: `${api}/push/deliveries?status=error`, check: (b) => page(b) && b.deliveries.every((d) => d.status === 'error') },
              { what: 'delivery log, one subscriber', path: `${api}/push/deliveries?subscriber=b`, check: (b) => page(b) && b.deliveries.every((d) => d.subscriberName === 'b') },
              { what: 'delivery log, subscriber and status', path: `${api}/push/deliveries?subscriber=b&status=deleted`, check: page },
              { what: 'delivery log, halfway back', path: `${api}/push/deliveries?after=${middle}:a`, check: (b) => page(b) && Number(b.deliveries[0].messageId) < Number(middle) },
              { what: 'message inspector', path: `${api}/push/deliveries?message=${middle}`, check: (b) => b.deliveries.length === 2 },
            ];
            const results = [];
            for (const screen of screens) results.push({ ...screen, latency: await sample(hud, screen.path, screen.check, samples) });
            return {
              figures: results.flatMap(({ what, latency }) => [
                figure('inspector', `${what} p50`, latency.p50Ms, 'ms', INSPECT_TARGET),
                figure('inspector', `${what} p99`, latency.p99Ms, 'ms', INSPECT_TARGET),
              ]),
              details: {
                messages,
                deliveries: messages * 2,
                failedDeliveries: messages / 10,
                deliverMs: Math.round(deliverMs),
                latencies: Object.fromEntries(results.map(({ what, path, latency }) => [what, { path, ...latency }])),
              },
            };
          } finally {
            hud.close();
          }
        },
        { isHudEnabled: true },
      );
    } finally {
      await subscriber.close();
    }
  },
};

/** Long polls on `queue` woken by single posts, one at a time; returns the post-reply → reserve-reply times. */
async function wakeUps(client, queue, shouldGoOn) {
  const latencies = [];
  const poll = reserveBody({ n: 1, timeout: 60, wait: 30 });
  while (shouldGoOn(latencies.length)) {
    let repliedMs = 0;
    const woken = client.reserve(queue, poll).then((got) => ({ got, atMs: performance.now() }));
    // Give the reserve time to reach the server and sleep there before the post.
    await new Promise((resolve) => setTimeout(resolve, 5));
    await client.post(queue, Buffer.from('{"messages":[{"body":"wake"}]}'));
    repliedMs = performance.now();
    const { got, atMs } = await woken;
    if (got.length !== 1) throw new Error('a long poll ended without the message posted for it');
    await client.deleteReserved(queue, got);
    latencies.push(Math.max(atMs - repliedMs, 0));
  }
  return latencies;
}

export const redrive = {
  name: 'redrive',
  title: 'HUD redrive of 100,000 messages, with long polls meanwhile',
  async run(context) {
    const messages = context.isQuick ? 10_000 : 100_000;
    const idleSamples = context.isQuick ? 50 : 300;
    return withServer(
      context,
      async ({ server, client }) => {
        await client.request('PUT', `${client.base}/work`, Buffer.from('{"queue":{"dead_letter":{"queue_name":"dlq"}}}'));
        await client.request('PUT', `${client.base}/lp`, Buffer.from('{}'));
        const fill = await fillQueue(client, 'dlq', messages);
        const hud = new HudClient({ port: server.port });
        try {
          await hud.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
          await wakeUps(client, 'lp', (n) => n < 20);
          const idle = summarize(await wakeUps(client, 'lp', (n) => n < idleSamples));

          const start = Buffer.from(JSON.stringify({ targetQueue: 'work', ratePerSecond: REDRIVE_RATE, isErrorReport: false }));
          const reply = await hud.send('POST', `${api}/dlq/redrives`, { body: start, headers: { 'Content-Type': 'application/json', Origin: hud.origin } });
          if (reply.status !== 201) throw new Error(`starting the redrive: ${reply.status} ${reply.text.slice(0, 200)}`);
          const jobPath = `${api}/dlq/redrives/${JSON.parse(reply.text).id}`;
          let job = JSON.parse(reply.text);
          const watching = (async () => {
            while (job.state === 'running') {
              await new Promise((resolve) => setTimeout(resolve, 200));
              job = JSON.parse((await hud.get(jobPath)).text);
            }
          })();
          const during = summarize(await wakeUps(client, 'lp', () => job.state === 'running'));
          await watching;
          if (job.state !== 'done' || job.moved !== messages) throw new Error(`redrive ended ${job.state} after ${job.moved} of ${messages}`);
          const work = await sizeOf(client, 'work');
          const dlq = await sizeOf(client, 'dlq');
          if (work !== messages || dlq !== 0) throw new Error(`after the redrive: work ${work}, dlq ${dlq}`);
          const rate = perSecond(job.moved, job.finishedAtMs - job.createdAtMs);
          const ratio = Math.round((during.p99Ms / idle.p99Ms) * 100) / 100;
          return {
            figures: [
              figure('redrive', `messages moved per second (asked ${REDRIVE_RATE.toLocaleString('en-US')})`, rate, 'msg/s', { op: '>=', value: 5_000 }),
              figure('redrive', 'long-poll wake-up p99, idle', idle.p99Ms, 'ms'),
              figure('redrive', 'long-poll wake-up p99, during the redrive', during.p99Ms, 'ms'),
              figure('redrive', 'wake-up p99 during ÷ idle', ratio, '×', { op: '<', value: 2 }),
            ],
            details: { messages, fillMs: Math.round(fill.elapsedMs), jobMs: job.finishedAtMs - job.createdAtMs, wakeUp: { idle, during } },
          };
        } finally {
          hud.close();
        }
      },
      { isHudEnabled: true },
    );
  },
};
