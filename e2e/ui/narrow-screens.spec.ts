// The HUD on a phone (390 × 844): the tokens page does not scroll sideways, row actions stay on
// screen however wide a table is, the overview's counters leave its charts on the first screen,
// and the operator views (subscribers, deliveries, alerts, redrive) pass axe in both schemes.
import { expect, test } from '@playwright/test';
import { BASE_URL, PROJECT_ID } from '../support/env';
import { expectAccessible, seedMessages, uniqueName, wireApi } from '../support/hud';

const PHONE = { width: 390, height: 844 };

test.describe('at 390 px', () => {
  test.use({ viewport: PHONE, colorScheme: 'light' });

  test('the tokens page fits: no table or snippet scrolls sideways', async ({ page }) => {
    const created = await page.request.post(`${BASE_URL}/api/projects/${PROJECT_ID}/tokens`, { headers: { origin: BASE_URL }, data: { name: 'nightly billing export worker' } });
    expect(created.status()).toBe(201);
    await page.goto(`/projects/${PROJECT_ID}/tokens`);
    await expect(page.getByTestId('token-row').first()).toBeVisible();
    const sideways = await page.evaluate(() =>
      [...document.querySelectorAll('main *')]
        .filter((el) => !el.classList.contains('sr-only') && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflowX !== 'visible')
        .map((el) => `${el.tagName} ${el.scrollWidth}/${el.clientWidth}`),
    );
    expect(sideways).toEqual([]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await expect(page.getByTestId('token-row').first()).toContainText(/Created \d{4}-\d\d-\d\d/);
    await page.request.delete(`${BASE_URL}/api/projects/${PROJECT_ID}/tokens/${((await created.json()) as { token: { id: string } }).token.id}`, { headers: { origin: BASE_URL } });
  });

  test('row actions stay on screen in a table wider than the screen', async ({ page }) => {
    const queue = uniqueName('a-rather-long-queue-name-for-a-narrow-screen');
    await seedMessages(queue, 1);
    await page.goto(`/projects/${PROJECT_ID}/queues?prefix=${queue}`);
    const remove = page.getByRole('button', { name: `Delete ${queue}` });
    await expect(remove).toBeVisible();
    const box = (await remove.boundingBox())!;
    expect(box.x).toBeGreaterThanOrEqual(0);
    expect(box.x + box.width).toBeLessThanOrEqual(PHONE.width);
    await remove.click();
    await expect(page.getByRole('dialog', { name: 'Delete queue' })).toBeVisible();
    await wireApi('DELETE', `/queues/${queue}`);
  });

  test('the overview’s seven counters leave the charts on the first screen', async ({ page }) => {
    const queue = uniqueName('overview-phone');
    await seedMessages(queue, 3);
    await page.goto(`/projects/${PROJECT_ID}/queues/${queue}?tab=overview`);
    await expect(page.locator('dl dt')).toHaveCount(7 + 5);
    const history = (await page.getByRole('heading', { name: 'History' }).boundingBox())!;
    expect(history.y + history.height).toBeLessThan(PHONE.height);
    await wireApi('DELETE', `/queues/${queue}`);
  });
});

for (const colorScheme of ['dark', 'light'] as const) {
  test.describe(`${colorScheme} scheme on a narrow screen`, () => {
    test.use({ viewport: PHONE, colorScheme });

    test('subscribers, deliveries, alerts and redrive pass axe', async ({ page }) => {
      const pushed = uniqueName(`phone-push-${colorScheme}`);
      const pulled = uniqueName(`phone-pull-${colorScheme}`);
      const subscribers = [{ name: 'nowhere', url: 'http://127.0.0.1:9/hook', headers: { 'X-Team': 'ops' } }];
      await wireApi('PUT', `/queues/${pushed}`, { queue: { type: 'multicast', push: { subscribers, retries: 1, error_queue: `${pushed}-errors` } } });
      const [id] = await seedMessages(pushed, 1);
      await wireApi('PUT', `/queues/${pulled}`, { queue: { alerts: [{ type: 'fixed', trigger: 2, queue: `${pulled}-ops` }], dead_letter: { queue_name: `${pulled}-dead` } } });
      await seedMessages(`${pulled}-dead`, 2);
      const pages = [
        `/projects/${PROJECT_ID}/queues/${pushed}?tab=subscribers`,
        `/projects/${PROJECT_ID}/queues/${pushed}?tab=deliveries`,
        `/projects/${PROJECT_ID}/queues/${pushed}?tab=deliveries&message=${id}`,
        `/projects/${PROJECT_ID}/queues/${pulled}?tab=alerts`,
        `/projects/${PROJECT_ID}/queues/${pulled}-dead?tab=redrive`,
        `/projects/${PROJECT_ID}/queues?prefix=${pulled}`,
      ];
      for (const path of pages) {
        await page.goto(path);
        await expect(page.getByRole('main')).not.toContainText('Loading');
        await page.waitForLoadState('networkidle');
        await expectAccessible(page);
      }
      for (const name of [pushed, `${pushed}-errors`, pulled, `${pulled}-dead`]) await wireApi('DELETE', `/queues/${name}`);
    });
  });
}
