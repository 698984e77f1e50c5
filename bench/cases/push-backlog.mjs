// Push delivery from a deep backlog: 100,000 messages posted at once to a queue with one local
// subscriber, which the pusher can only serve its per-subscriber cap at a time. Claims must cost
// the same at the end of the backlog as at its start: when they read due attempts in due order
// alone, each walked past the whole backlog of the subscriber at its cap and the rate fell with
// the depth (1,735 deliveries/s at 5,000 messages, 694 at 60,000).
import { performance } from 'node:perf_hooks';
import { postBody } from '../lib/http-client.mjs';
import { runWorkers } from '../lib/load.mjs';
import { figure } from '../lib/report.mjs';
import { withServer } from '../lib/server-session.mjs';
import { perSecond } from '../lib/stats.mjs';
import { startSubscriber, waitForCount } from '../lib/subscriber.mjs';
import { createPushQueue } from './push.mjs';

const CASE = 'push-backlog';
const BATCH = postBody(100, 100);
const POSTERS = 8;
/** The share of the deliveries left once every post is in, at each end, whose rates are compared. */
const END_SHARE = 0.2;
/**
 * Deep ÷ shallow at least this: right after the posts, the checkpoint of their WAL competes with
 * the deliveries (0.70–0.95× measured with claims that cost the same at any depth); claims that
 * walked the backlog made the deep rate a fraction of the shallow one.
 */
const MIN_DEPTH_RATIO = 0.5;

export const pushBacklog = {
  name: CASE,
  title: 'push delivery from a 100,000-message backlog to 1 subscriber',
  async run(context) {
    const messages = context.isQuick ? 10_000 : 100_000;
    const subscriber = await startSubscriber();
    const arrivedMs = new Float64Array(messages);
    try {
      return await withServer(context, async ({ client }) => {
        await createPushQueue(client, 'bench', [subscriber]);
        subscriber.onPush = (_body, atMs) => {
          if (subscriber.received <= messages) arrivedMs[subscriber.received - 1] = atMs;
        };
        const startMs = performance.now();
        await runWorkers({ concurrency: POSTERS, maxOps: messages / 100, maxMs: 300_000 }, () => client.post('bench', BATCH));
        const postedMs = performance.now();
        const doneMs = await waitForCount(() => subscriber.received, messages, 600_000, 'deliveries from the backlog');
        // Once every post is in, the rate while the backlog is deep (the first END_SHARE of the
        // deliveries left) against the rate while it is shallow (the last END_SHARE).
        const firstAfterPosts = arrivedMs.findIndex((atMs) => atMs > postedMs);
        const span = Math.floor((messages - firstAfterPosts) * END_SHARE);
        const rateOver = (from) => perSecond(span - 1, arrivedMs[from + span - 1] - arrivedMs[from]);
        const deepRate = rateOver(firstAfterPosts);
        const shallowRate = rateOver(messages - span);
        return {
          figures: [
            figure(CASE, 'deliveries, 1 subscriber', perSecond(messages, doneMs - startMs), 'deliveries/s', { op: '>=', value: 2_000 }),
            figure(CASE, 'rate with the backlog deep ÷ shallow', deepRate / shallowRate, '×', { op: '>=', value: MIN_DEPTH_RATIO }),
          ],
          details: { messages, postMs: Math.round(postedMs - startMs), elapsedMs: Math.round(doneMs - startMs), deliveredWhilePosting: firstAfterPosts, deepRate, shallowRate },
        };
      });
    } finally {
      await subscriber.close();
    }
  },
};
