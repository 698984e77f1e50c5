// Push latency beside many subscribers that wait to retry: 5,000 push queues, each with its own
// subscriber URL on a local server answering 503, hold one retry each, due a minute later. Then
// single-message posts to a healthy subscriber at 2,000 msg/s, as in push-latency. Claims must not
// read every waiting subscriber to find the one with work due: done that way, the server's CPU per
// pushed message doubled (953 → 1,899 µs at 1,000 msg/s).
import http from 'node:http';
import { measureCpuShares } from '../lib/machine.mjs';
import { figure } from '../lib/report.mjs';
import { withServer } from '../lib/server-session.mjs';
import { perSecond, summarize } from '../lib/stats.mjs';
import { startSubscriber, waitForCount } from '../lib/subscriber.mjs';
import { createPushQueue, steadyPosts } from './push.mjs';

const CASE = 'push-subscribers';
const STEADY_RATE = 2_000;
/** Queue creations and posts in flight at once while setting up. */
const SETUP_CONCURRENCY = 50;

/** A subscriber answering every push 503, so each attempt fails and schedules its retry. */
async function startFailingSubscriber() {
  let received = 0;
  const server = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received += 1;
      res.writeHead(503, { 'Content-Length': '0' }).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    base: `http://127.0.0.1:${server.address().port}`,
    received: () => received,
    close() {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

export const pushSubscribers = {
  name: CASE,
  title: `push latency at ${STEADY_RATE.toLocaleString('en-US')} msg/s beside 5,000 subscribers holding retries`,
  async run(context) {
    const waiting = context.isQuick ? 500 : 5_000;
    const seconds = context.isQuick ? 3 : 10;
    const failing = await startFailingSubscriber();
    const healthy = await startSubscriber();
    try {
      return await withServer(context, async ({ server, client }) => {
        for (let first = 0; first < waiting; first += SETUP_CONCURRENCY) {
          const names = Array.from({ length: Math.min(SETUP_CONCURRENCY, waiting - first) }, (_, i) => `waiting-${first + i}`);
          await Promise.all(
            names.map(async (name) => {
              await createPushQueue(client, name, [{ url: `${failing.base}/${name}` }]);
              await client.post(name, Buffer.from('{"messages":[{"body":"x"}]}'));
            }),
          );
        }
        await waitForCount(failing.received, waiting, 120_000, 'first attempts of the waiting subscribers');
        await createPushQueue(client, 'bench', [healthy]);
        const cpu = measureCpuShares([server.pid]);
        const total = STEADY_RATE * seconds;
        const run = await steadyPosts(client, healthy, total);
        const { named } = cpu.stop();
        const latency = summarize(Array.from(run.arrivedMs, (arrivedMs, i) => Math.max(arrivedMs - run.repliedMs[i], 0)));
        return {
          figures: [
            figure(CASE, 'post→delivery p50', latency.p50Ms, 'ms', { op: '<', value: 10 }),
            figure(CASE, 'post→delivery p99', latency.p99Ms, 'ms', { op: '<', value: 50 }),
            figure(CASE, 'steady rate achieved', perSecond(total, run.elapsedMs), 'msg/s', { op: '>=', value: STEADY_RATE * 0.95 }),
            figure(CASE, 'server CPU per pushed message', Math.round((named * 1e6) / total), 'µs'),
          ],
          details: { waitingSubscribers: waiting, latency, retriesDuringRun: failing.received() - waiting },
        };
      });
    } finally {
      await Promise.all([failing.close(), healthy.close()]);
    }
  },
};
