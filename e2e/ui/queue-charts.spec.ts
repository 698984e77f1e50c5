// The overview's history: rate cards and charts that show this minute's activity at once, the
// chart range in the URL, the empty state, the queue list's sparklines from one request per page,
// and axe on the overview with its charts in both schemes.
import { expect, test, type Page } from '@playwright/test';
import { PROJECT_ID } from '../support/env';
import { expectAccessible, seedMessages, uniqueName, wireApi } from '../support/hud';

const overviewUrl = (queue: string, query = '') => `/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}?tab=overview${query}`;

/** Posts 6, reserves 2 and deletes 1, so every series has something in the minute in progress. */
async function makeActivity(queue: string): Promise<void> {
  await seedMessages(queue, 6);
  const reserved = await wireApi('POST', `/queues/${queue}/reservations`, { n: 2 });
  const [held] = ((await reserved.json()) as { messages: Array<{ id: string; reservation_id: string }> }).messages;
  const deleted = await wireApi('DELETE', `/queues/${queue}/messages/${held.id}`, { reservation_id: held.reservation_id });
  expect(deleted.ok).toBe(true);
}

const statValue = (page: Page, label: string) => page.locator('dl > div').filter({ hasText: label }).getByRole('definition').first();

test('a queue with activity shows its rates and charts at once, before the minute is recorded', async ({ page }) => {
  const queue = uniqueName('charts');
  await makeActivity(queue);
  await page.goto(overviewUrl(queue));

  await expect(page.getByRole('navigation', { name: 'Chart range' }).getByRole('link', { name: 'Live' })).toHaveAttribute('aria-current', 'true');
  const size = page.getByRole('figure', { name: 'Queue size' });
  // Six were in the queue at most, five are now (a minute boundary may fall after the posts).
  await expect(size).toHaveAccessibleDescription(/^Now 5, largest [56] over the last 30 minutes\.$/);
  await expect(size.locator('.recharts-area-area')).toBeVisible();
  const rates = page.getByRole('figure', { name: 'Messages in and out per second' });
  await expect(rates).toHaveAccessibleDescription(/^Highest posted (?!0\/s)\S+, reserved (?!0\/s)\S+, deleted (?!0\/s)\S+ over the last 30 minutes\.$/);
  await expect(rates.locator('.recharts-line-curve')).toHaveCount(3);
  for (const label of ['Post rate', 'Reserve rate', 'Delete rate']) await expect(statValue(page, label)).toHaveText(/^(<)?[\d.]+\/s$/);
  await expect(statValue(page, 'Post rate')).not.toHaveText('0/s');
  await wireApi('DELETE', `/queues/${queue}`);
});

test('the chart range lives in the URL: a link reproduces it, the keyboard changes it', async ({ page }) => {
  const queue = uniqueName('range');
  await makeActivity(queue);
  await page.goto(overviewUrl(queue, '&range=24h'));
  const picker = page.getByRole('navigation', { name: 'Chart range' });
  const size = page.getByRole('figure', { name: 'Queue size' });
  await expect(picker.getByRole('link', { name: '24 hours' })).toHaveAttribute('aria-current', 'true');
  await expect(picker.getByRole('link', { name: 'Live' })).not.toHaveAttribute('aria-current');
  await expect(size).toHaveAccessibleDescription(/over the last 24 hours\.$/);

  await picker.getByRole('link', { name: '24 hours' }).focus();
  await page.keyboard.press('Tab');
  await expect(picker.getByRole('link', { name: '7 days' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(overviewUrl(queue, '&range=7d'));
  await expect(size).toHaveAccessibleDescription(/over the last 7 days\.$/);

  await page.reload();
  await expect(picker.getByRole('link', { name: '7 days' })).toHaveAttribute('aria-current', 'true');
  await expect(size).toHaveAccessibleDescription(/^Now 5, .* over the last 7 days\.$/);
  await page.goBack();
  await expect(page).toHaveURL(overviewUrl(queue, '&range=24h'));
  await expect(size).toHaveAccessibleDescription(/over the last 24 hours\.$/);
  await wireApi('DELETE', `/queues/${queue}`);
});

test('a queue without activity says so instead of drawing flat lines', async ({ page }) => {
  const queue = uniqueName('idle');
  expect((await wireApi('PUT', `/queues/${queue}`, {})).ok).toBe(true);
  await page.goto(overviewUrl(queue, '&range=1h'));
  await expect(page.getByRole('heading', { name: 'No activity in this range yet' })).toBeVisible();
  await expect(page.getByRole('figure', { name: 'Queue size' })).toHaveCount(0);
  await expect(statValue(page, 'Post rate')).toHaveText('0/s');
  await expectAccessible(page);
  await wireApi('DELETE', `/queues/${queue}`);
});

test('the queue list draws each row’s sparkline from one request for the whole page', async ({ page }) => {
  const prefix = uniqueName('spark');
  const names = [`${prefix}-a`, `${prefix}-b`, `${prefix}-c`];
  for (const [i, name] of names.entries()) await seedMessages(name, i + 1);
  const apiCalls: URL[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.pathname.startsWith('/api/')) apiCalls.push(url);
  });

  await page.goto(`/projects/${PROJECT_ID}/queues?prefix=${prefix}`);
  for (const [i, name] of names.entries()) {
    const row = page.getByTestId('queue-row').filter({ hasText: name });
    await expect(row.getByRole('img', { name: `Size now ${i + 1}, largest ${i + 1} over the last hour.` })).toBeVisible();
  }
  const sparklineCalls = apiCalls.filter((url) => url.pathname.endsWith('/queue-sparklines'));
  expect(sparklineCalls.length).toBeGreaterThanOrEqual(1);
  expect(sparklineCalls[0].searchParams.get('prefix')).toBe(prefix);
  expect(apiCalls.filter((url) => url.pathname.endsWith('/stats'))).toEqual([]);
  await expectAccessible(page);
  for (const name of names) await wireApi('DELETE', `/queues/${name}`);
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`the ${colorScheme} scheme`, () => {
    test.use({ colorScheme });

    test('the overview with its charts passes axe', async ({ page }) => {
      const queue = uniqueName(`charts-${colorScheme}`);
      await makeActivity(queue);
      await page.goto(overviewUrl(queue, '&range=1h'));
      await expect(page.getByRole('figure', { name: 'Messages in and out per second' }).locator('.recharts-line-curve')).toHaveCount(3);
      await expect(page.getByRole('main')).not.toContainText('Loading');
      await expectAccessible(page);
      await wireApi('DELETE', `/queues/${queue}`);
    });
  });
}
