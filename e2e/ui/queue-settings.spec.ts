// The queue overview and settings tabs: counters, settings saved through the HUD and seen by the
// wire API, deleting behind typing the name, and an unknown queue's 404.
import { expect, test } from '@playwright/test';
import { BASE_URL, PROJECT_ID } from '../support/env';
import { expectAccessible, seedMessages, uniqueName, wireApi } from '../support/hud';

const queueUrl = (queue: string, tab: string) => `/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}?tab=${tab}`;

test('the overview shows live counters by state and the webhook URL', async ({ page }) => {
  const queue = uniqueName('overview');
  await seedMessages(queue, 4);
  await wireApi('POST', `/queues/${queue}/reservations`, { n: 1 });
  await wireApi('POST', `/queues/${queue}/messages`, { messages: [{ body: 'later', delay: 600 }] });

  await page.goto(queueUrl(queue, 'overview'));
  const card = (label: string) => page.locator('dl > div').filter({ has: page.getByText(label, { exact: true }) });
  await expect(card('Size')).toContainText('5');
  await expect(card('Reserved')).toContainText('1');
  await expect(card('Delayed')).toContainText('1');
  await expect(card('Total messages')).toContainText('5');
  await expect(page.getByRole('figure').filter({ hasText: 'Webhook URL' })).toContainText(
    `${BASE_URL}/3/projects/${PROJECT_ID}/queues/${queue}/webhook?oauth=YOUR_TOKEN`,
  );
  await expectAccessible(page);
  await wireApi('DELETE', `/queues/${queue}`);
});

test('saves settings that the wire API then reports', async ({ page }) => {
  const queue = uniqueName('settings');
  await wireApi('PUT', `/queues/${queue}`, {});
  await page.goto(queueUrl(queue, 'settings'));
  await page.getByLabel('Message timeout (seconds)').fill('120');
  await page.getByLabel('Message expiration (seconds)').fill('3600');
  await page.getByLabel('Dead-letter queue').fill(`${queue}-dead`);
  await page.getByLabel('Max reservations').fill('5');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').getByText(`Settings of “${queue}” saved`)).toBeVisible();

  const info = (await (await wireApi('GET', `/queues/${queue}`)).json()) as { queue: Record<string, unknown> };
  expect(info.queue).toMatchObject({ message_timeout: 120, message_expiration: 3600, dead_letter: { queue_name: `${queue}-dead`, max_reservations: 5 } });

  await page.getByLabel('Dead-letter queue').fill('');
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('status').getByText(`Settings of “${queue}” saved`).last()).toBeVisible();
  await expect.poll(async () => ((await (await wireApi('GET', `/queues/${queue}`)).json()) as { queue: Record<string, unknown> }).queue.dead_letter).toBeUndefined();

  await page.getByLabel('Message timeout (seconds)').fill('0');
  await page.getByLabel('Message timeout (seconds)').evaluate((input: HTMLInputElement) => input.removeAttribute('min'));
  await page.getByRole('button', { name: 'Save settings' }).click();
  await expect(page.getByRole('alert').getByText(/message_timeout must be/)).toBeVisible();
  for (const name of [queue, `${queue}-dead`]) await wireApi('DELETE', `/queues/${name}`);
});

test('deletes the queue after its name is typed', async ({ page }) => {
  const queue = uniqueName('doomed');
  await seedMessages(queue, 2);
  await page.goto(queueUrl(queue, 'settings'));
  await page.getByRole('button', { name: 'Delete queue' }).click();
  const dialog = page.getByRole('dialog', { name: 'Delete queue' });
  await expect(dialog.getByRole('button', { name: 'Delete queue' })).toBeDisabled();
  await dialog.getByLabel(/Type .* to confirm/).fill(queue);
  await dialog.getByRole('button', { name: 'Delete queue' }).click();
  await expect(page).toHaveURL(`/projects/${PROJECT_ID}/queues`);
  expect((await wireApi('GET', `/queues/${queue}`)).status).toBe(404);
});

test('an unknown queue answers 404 with the not-found page', async ({ page }) => {
  const response = await page.goto(queueUrl(uniqueName('missing'), 'overview'));
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Queue not found' })).toBeVisible();
  await expectAccessible(page);
});
