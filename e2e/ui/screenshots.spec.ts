// The README's screenshots (docs/screenshots/*.png), taken on every run so they follow the HUD:
// a project of its own with a few busy queues, a day of history behind them, and one light-scheme
// shot per main page at 1280×800 (the overview 1280×1000, to fit its charts). The project and its
// queues are deleted afterwards.
import { expect, test, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { BASE_URL } from '../support/env';
import { seedHistory } from '../support/history';

const SHOTS_DIR = path.join(__dirname, '..', '..', 'docs', 'screenshots');
const DAY_MINUTES = 24 * 60;

const QUEUES = [
  {
    name: 'emails',
    messages: 12,
    shape: { peakPerSecond: 0.8, capacityPerSecond: 0.65, seed: 1 },
    body: (i: number) => ({ to: `customer${310 + i}@example.com`, template: i % 3 ? 'receipt' : 'shipping-update' }),
  },
  {
    name: 'image-resize',
    messages: 37,
    shape: { peakPerSecond: 2.5, capacityPerSecond: 1.8, seed: 2 },
    body: (i: number) => ({ source: `uploads/2026/11/IMG_${4120 + i}.jpg`, widths: [320, 800, 1600] }),
  },
  {
    name: 'orders',
    messages: 24,
    shape: { peakPerSecond: 1.6, capacityPerSecond: 1.25, seed: 3 },
    body: (i: number) => ({ orderId: 10_458 + i, customer: `c_${(0x7a10 + i * 37).toString(16)}`, total: 19.5 + i * 4 }),
  },
  {
    name: 'orders-dead',
    messages: 3,
    shape: { peakPerSecond: 0.02, capacityPerSecond: 0.01, seed: 4 },
    body: (i: number) => ({ orderId: 10_301 + i * 7, error: 'payment provider timeout' }),
  },
];

test.use({ colorScheme: 'light', viewport: { width: 1280, height: 800 } });

async function bff(page: Page, method: string, url: string, data?: unknown): Promise<unknown> {
  const reply = await page.request.fetch(`${BASE_URL}${url}`, { method, data, headers: { origin: BASE_URL } });
  expect(reply.ok(), `${method} ${url}: ${reply.status()}`).toBe(true);
  return reply.json();
}

/** Waits for every widget to leave its placeholder, moves the pointer off any tooltip and shoots. */
async function shoot(page: Page, name: string): Promise<void> {
  await expect(page.getByRole('main')).not.toContainText('Loading');
  await expect(page.locator('.animate-pulse')).toHaveCount(0);
  await page.mouse.move(0, 0);
  await page.screenshot({ path: path.join(SHOTS_DIR, `${name}.png`) });
}

/** Fills the demo project: two tokens, the queues with messages and a day of history, three
 * orders reserved, and one order to open in the drawer (its id is returned). */
async function seedDemoProject(page: Page, projectId: string): Promise<string> {
  const created = (await bff(page, 'POST', `/api/projects/${projectId}/tokens`, { name: 'checkout-service' })) as { secret: string };
  await bff(page, 'POST', `/api/projects/${projectId}/tokens`, { name: 'image-workers' });
  const wire = (method: string, route: string, body: unknown) =>
    fetch(`${BASE_URL}/3/projects/${projectId}${route}`, {
      method,
      headers: { authorization: `OAuth ${created.secret}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  for (const queue of QUEUES) {
    const messages = Array.from({ length: queue.messages }, (_, i) => ({ body: JSON.stringify(queue.body(i)) }));
    expect((await wire('POST', `/queues/${queue.name}/messages`, { messages })).ok).toBe(true);
    await seedHistory(projectId, queue.name, queue.messages, DAY_MINUTES, queue.shape);
  }
  expect((await wire('POST', '/queues/orders/reservations', { n: 3, timeout: 600 })).ok).toBe(true);
  const order = { orderId: 10_482, customer: 'c_7f3a', items: [{ sku: 'TEE-BLK-M', qty: 2 }], total: 58 };
  const posted = await wire('POST', '/queues/orders/messages', { messages: [{ body: JSON.stringify(order) }] });
  return ((await posted.json()) as { ids: string[] }).ids[0];
}

test('README screenshots of the main pages', async ({ page }) => {
  mkdirSync(SHOTS_DIR, { recursive: true });
  const project = (await bff(page, 'POST', '/api/projects', { name: 'Acme Shop' })) as { id: string };
  try {
    const orderId = await seedDemoProject(page, project.id);
    await page.goto('/projects');
    await expect(page.getByRole('link', { name: 'Acme Shop', exact: true })).toBeVisible();
    await shoot(page, 'projects');

    await page.goto(`/projects/${project.id}/tokens`);
    await expect(page.getByTestId('token-row')).toHaveCount(2);
    await shoot(page, 'tokens');

    await page.goto(`/projects/${project.id}/queues`);
    await expect(page.getByTestId('queue-row').getByRole('img')).toHaveCount(QUEUES.length);
    await shoot(page, 'queues');

    // Taller, so the counters, the rates and both charts fit in one shot.
    await page.setViewportSize({ width: 1280, height: 1000 });
    await page.goto(`/projects/${project.id}/queues/orders?tab=overview&range=24h`);
    await expect(page.getByRole('figure', { name: 'Queue size' }).locator('.recharts-area-area')).toBeVisible();
    await shoot(page, 'queue-overview');
    await page.setViewportSize({ width: 1280, height: 800 });

    await page.goto(`/projects/${project.id}/queues/orders?tab=messages&message=${orderId}`);
    await expect(page.getByRole('dialog', { name: `Message ${orderId}` }).getByTestId('message-body')).toContainText('TEE-BLK-M');
    await shoot(page, 'messages');
  } finally {
    await bff(page, 'DELETE', `/api/projects/${project.id}`, { name: 'Acme Shop' });
  }
});
