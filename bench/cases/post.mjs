// Cases 1 and 2: post throughput over HTTP, 16 clients posting 100-byte messages in batches of
// 1 and of 100, measured in messages per second after a short warm-up.
import { postBody } from '../lib/http-client.mjs';
import { runWorkers } from '../lib/load.mjs';
import { figure } from '../lib/report.mjs';
import { withServer } from '../lib/server-session.mjs';
import { perSecond } from '../lib/stats.mjs';

const CONCURRENCY = 16;
const BODY_BYTES = 100;

function postCase({ name, title, batchSize, maxMessages, target }) {
  return {
    name,
    title,
    async run(context) {
      const maxMs = context.isQuick ? 1_000 : 5_000;
      const body = postBody(batchSize, BODY_BYTES);
      return withServer(context, async ({ client }) => {
        // Warm-up on another queue, so the JIT and the page cache are hot when timing starts.
        await runWorkers({ concurrency: CONCURRENCY, maxMs: maxMs / 5 }, () => client.post('warmup', body));
        const { ops, elapsedMs } = await runWorkers(
          { concurrency: CONCURRENCY, maxOps: Math.ceil(maxMessages / batchSize), maxMs },
          () => client.post('bench', body),
        );
        const rate = perSecond(ops * batchSize, elapsedMs);
        return {
          figures: [figure(name, `post, batch ${batchSize}`, rate, 'msg/s', target)],
          details: {
            messages: ops * batchSize,
            requests: ops,
            elapsedMs: Math.round(elapsedMs),
            requestsPerSecond: perSecond(ops, elapsedMs),
          },
        };
      });
    },
  };
}

export const postOne = postCase({
  name: 'post-1',
  title: 'post, batches of 1',
  batchSize: 1,
  maxMessages: 200_000,
});

export const postHundred = postCase({
  name: 'post-100',
  title: 'post, batches of 100',
  batchSize: 100,
  maxMessages: 2_000_000,
  target: { op: '>=', value: 150_000 },
});
