// The history endpoints' contract over HTTP, table-driven: each range's bucket grid, the minute in
// progress counted at once, input errors, and the queue list's sparklines for one page.
import { expect, test } from '@playwright/test';
import { ADMIN_STATE, BASE_URL, PROJECT_ID } from '../support/env';
import { seedMessages, uniqueName, wireApi } from '../support/hud';
import type { QueueHistory, QueueSparklines } from '../../lib/hud/types';

test.use({ storageState: ADMIN_STATE });

const MINUTE = 60_000;
const statsUrl = (queue: string, query: string) => `${BASE_URL}/api/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}/stats${query}`;

const RANGES = [
  { range: 'live', bucketMs: MINUTE, count: 30 },
  { range: '1h', bucketMs: MINUTE, count: 60 },
  { range: '24h', bucketMs: 15 * MINUTE, count: 96 },
  { range: '7d', bucketMs: 120 * MINUTE, count: 84 },
];

test('each range answers an even grid of buckets ending now, with this minute counted', async ({ request }) => {
  const queue = uniqueName('stats-api');
  await seedMessages(queue, 4);
  for (const { range, bucketMs, count } of RANGES) {
    const reply = await request.get(statsUrl(queue, `?range=${range}`));
    expect(reply.status()).toBe(200);
    const history = (await reply.json()) as QueueHistory;
    expect(history).toMatchObject({ range, bucketMs, hasActivity: true });
    expect(history.points).toHaveLength(count);
    expect(history.points.every((point, i) => i === 0 || point.t - history.points[i - 1].t === bucketMs)).toBe(true);
    const last = history.points.at(-1)!;
    expect(Date.now() - last.t).toBeLessThan(bucketMs + 10_000);
    expect(last.size).toBe(4);
    expect(history.recent.posted).toBeGreaterThan(0);
  }
  await wireApi('DELETE', `/queues/${queue}`);
});

test('without a range it answers live; a bad range and an unknown queue are refused', async ({ request }) => {
  const queue = uniqueName('stats-api-errors');
  await seedMessages(queue, 1);
  expect(((await (await request.get(statsUrl(queue, ''))).json()) as QueueHistory).range).toBe('live');
  const bad = await request.get(statsUrl(queue, '?range=1y'));
  expect(bad.status()).toBe(400);
  expect(await bad.json()).toEqual({ code: 'BAD_REQUEST', msg: 'range must be one of live, 1h, 24h, 7d' });
  const missing = await request.get(statsUrl(`${queue}-missing`, '?range=1h'));
  expect(missing.status()).toBe(404);
  expect((await missing.json()).code).toBe('QUEUE_NOT_FOUND');
  await wireApi('DELETE', `/queues/${queue}`);
});

test('sparklines cover exactly the queues of one list page', async ({ request }) => {
  const prefix = uniqueName('spark-api');
  for (const [i, name] of [`${prefix}-a`, `${prefix}-b`].entries()) await seedMessages(name, i + 2);
  const reply = await request.get(`${BASE_URL}/api/projects/${PROJECT_ID}/queue-sparklines?prefix=${prefix}`);
  expect(reply.status()).toBe(200);
  const { sparklines } = (await reply.json()) as QueueSparklines;
  expect(sparklines.map(({ name }) => name)).toEqual([`${prefix}-a`, `${prefix}-b`]);
  expect(sparklines.map(({ sizes }) => [sizes.length, sizes.at(-1)])).toEqual([[60, 2], [60, 3]]);
  const after = await request.get(`${BASE_URL}/api/projects/${PROJECT_ID}/queue-sparklines?prefix=${prefix}&after=${prefix}-a`);
  expect(((await after.json()) as QueueSparklines).sparklines.map(({ name }) => name)).toEqual([`${prefix}-b`]);
  for (const name of [`${prefix}-a`, `${prefix}-b`]) await wireApi('DELETE', `/queues/${name}`);
});
