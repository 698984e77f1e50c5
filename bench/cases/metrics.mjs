// Case: what metrics cost. Post-100 and consume throughput with and without a scrape of /metrics
// every second (the cost must stay under 3%), and the time of one scrape with 10,000 queues.
import { postBody, reserveBody } from '../lib/http-client.mjs';
import { createQueues, runWorkers } from '../lib/load.mjs';
import { figure } from '../lib/report.mjs';
import { scrapeMetrics as scrape } from '../lib/scrape.mjs';
import { withServer } from '../lib/server-session.mjs';
import { perSecond, summarize } from '../lib/stats.mjs';

const CONCURRENCY = 16;

const RESERVE = reserveBody({ n: 100, timeout: 60 });

/** Messages per second moved by `step` (which moves 100) for `maxMs`, scraping every second when `isScraped`. */
async function rate(port, maxMs, isScraped, step) {
  const timer = isScraped ? setInterval(() => scrape(port).catch(() => {}), 1_000) : undefined;
  try {
    let moved = 0;
    const { elapsedMs } = await runWorkers({ concurrency: CONCURRENCY, maxMs }, async () => {
      moved += await step();
    });
    return perSecond(moved, elapsedMs);
  } finally {
    clearInterval(timer);
  }
}

/** Runs `measure(isScraped)` three times each way, alternating, and returns the cost of scraping (%). */
async function scrapeCost(measure) {
  const plain = [];
  const scraped = [];
  // Alternating the conditions spreads any drift of the machine over both alike.
  for (let round = 0; round < 3; round += 1) {
    plain.push(await measure(false));
    scraped.push(await measure(true));
  }
  const median = (values) => [...values].sort((a, b) => a - b)[1];
  return { plain, scraped, costPercent: Math.max(0, ((median(plain) - median(scraped)) / median(plain)) * 100) };
}

export const metrics = {
  name: 'metrics',
  title: 'metrics cost: post-100 with and without a scrape a second; a scrape with 10,000 queues',
  async run(context) {
    const maxMs = context.isQuick ? 2_000 : 8_000;
    const queueCount = context.isQuick ? 1_000 : 10_000;
    return withServer(context, async ({ server, client }) => {
      const body = postBody(100, 100);
      await runWorkers({ concurrency: CONCURRENCY, maxMs: maxMs / 4 }, () => client.post('warmup', body));
      const post = await scrapeCost((isScraped) => rate(server.port, maxMs, isScraped, async () => (await client.post('metrics-bench', body), 100)));
      // metrics-bench now holds every message posted above: enough to consume from for every round.
      const consume = await scrapeCost((isScraped) =>
        rate(server.port, maxMs / 2, isScraped, async () => {
          const messages = await client.reserve('metrics-bench', RESERVE);
          if (messages.length > 0) await client.deleteReserved('metrics-bench', messages);
          return messages.length;
        }),
      );

      await createQueues(client, queueCount, (i) => `many-${i}`);
      const scrapeMs = [];
      for (let i = 0; i < 20; i += 1) scrapeMs.push(await scrape(server.port));
      const scrapeStats = summarize(scrapeMs);
      return {
        figures: [
          figure('metrics', 'post-100 cost of a scrape a second', post.costPercent, '%', { op: '<', value: 3 }),
          figure('metrics', 'consume cost of a scrape a second', consume.costPercent, '%', { op: '<', value: 3 }),
          figure('metrics', `scrape with ${queueCount.toLocaleString('en-US')} queues, p99`, scrapeStats.p99Ms, 'ms', { op: '<', value: 100 }),
        ],
        details: { post, consume, scrape: scrapeStats, queues: queueCount },
      };
    });
  },
};
