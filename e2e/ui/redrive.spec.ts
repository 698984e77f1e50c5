// Redriving a dead-letter queue from the HUD: selected messages, one with its body edited, moved
// back to the queue that dead-lettered them at a chosen rate — and the page closed half-way,
// because the move is the server's job: it finishes on its own, every message moved exactly once.
import { expect, test } from '@playwright/test';
import { BASE_URL, PROJECT_ID } from '../support/env';
import { expectAccessible, seedMessages, uniqueName, wireApi } from '../support/hud';

interface WireQueue {
  size: number;
}

async function sizeOf(queue: string): Promise<number> {
  return ((await (await wireApi('GET', `/queues/${encodeURIComponent(queue)}`)).json()) as { queue: WireQueue }).queue.size;
}

test('redrives a dead-letter queue with one body edited, and finishes after the page is closed half-way', async ({ page, request }) => {
  test.setTimeout(90_000);
  const work = uniqueName('work');
  const dead = `${work}-dead`;
  expect((await wireApi('PUT', `/queues/${work}`, { queue: { dead_letter: { queue_name: dead, max_reservations: 1 } } })).ok).toBe(true);
  const ids = await seedMessages(dead, 12, 'dead');

  // The two ends link to each other.
  await page.goto(`/projects/${PROJECT_ID}/queues?prefix=${work}`);
  await expect(page.getByTestId('queue-row').filter({ hasText: dead }).first()).toContainText(`Dead-letter queue: ${dead} (12 messages)`);
  await expect(page.getByTestId('queue-row').last()).toContainText(`Dead-letter queue of: ${work}`);

  await page.goto(`/projects/${PROJECT_ID}/queues/${encodeURIComponent(dead)}?tab=messages`);
  await page.getByRole('link', { name: 'Redrive messages…' }).click();
  await expect(page).toHaveURL(/tab=redrive/);
  await expect(page.getByLabel('Target queue')).toHaveValue(work);
  await expect(page.getByLabel(/Send back the failed message/)).not.toBeChecked();
  await page.getByLabel(/Selected messages/).check();
  await page.getByRole('button', { name: 'Select all on this page' }).click();
  await expect(page.getByLabel(/Selected messages/)).toHaveAccessibleName(/\(12\)/);
  await page.getByRole('button', { name: `Edit the body of ${ids[3]}` }).click();
  const editor = page.getByRole('dialog', { name: `New body for message ${ids[3]}` });
  await editor.getByLabel('Body').fill('dead-3, fixed');
  await editor.getByRole('button', { name: 'Use this body' }).click();
  await expect(page.getByTestId('redrive-message').filter({ hasText: ids[3] })).toContainText('edited');
  await page.getByLabel('Rate (messages per second)').fill('3');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Start redrive' }).click();

  await expect(page).toHaveURL(/job=[0-9a-f]{24}/);
  const jobId = /job=([0-9a-f]{24})/.exec(page.url())![1];
  const progress = page.locator('[data-testid="redrive-job"][aria-current="true"]').getByTestId('redrive-progress');
  await expect(progress).toHaveText(/Moved ([1-9]|1[01]) of 12/);
  await page.close();

  await expect.poll(() => sizeOf(work), { timeout: 20_000 }).toBe(12);
  expect(await sizeOf(dead)).toBe(0);
  const peeked = await wireApi('GET', `/queues/${encodeURIComponent(work)}/messages?n=100`);
  const bodies = ((await peeked.json()) as { messages: Array<{ body: string }> }).messages.map((m) => m.body);
  const expected = Array.from({ length: 12 }, (_, i) => (i === 3 ? 'dead-3, fixed' : `dead-${i}`));
  expect(bodies).toEqual(expected);

  const job = await request.get(`${BASE_URL}/api/projects/${PROJECT_ID}/queues/${encodeURIComponent(dead)}/redrives/${jobId}`);
  expect(await job.json()).toMatchObject({ state: 'done', moved: 12, skipped: 0, total: 12, isSelection: true, ratePerSecond: 3 });
  for (const name of [work, dead]) await wireApi('DELETE', `/queues/${name}`);
});

test('a running redrive is cancelled from the HUD and keeps what it moved', async ({ page }) => {
  const work = uniqueName('cancel');
  const dead = `${work}-dead`;
  await wireApi('PUT', `/queues/${work}`, { queue: { dead_letter: { queue_name: dead, max_reservations: 1 } } });
  await seedMessages(dead, 30, 'dead');
  await page.goto(`/projects/${PROJECT_ID}/queues/${encodeURIComponent(dead)}?tab=redrive`);
  await page.getByLabel('Rate (messages per second)').fill('2');
  await page.getByRole('button', { name: 'Start redrive' }).click();
  const job = page.locator('[data-testid="redrive-job"][aria-current="true"]');
  await expect(job.getByTestId('redrive-progress')).toHaveText(/Moved [1-9]\d* of 30/);
  await job.getByRole('button', { name: 'Cancel redrive' }).click();
  await expect(job).toContainText('cancelled');
  const moved = Number(/Moved (\d+)/.exec((await job.getByTestId('redrive-progress').textContent())!)![1]);
  expect(moved).toBeLessThan(30);
  await page.waitForTimeout(1_500);
  expect(await sizeOf(work)).toBe(moved);
  expect(await sizeOf(dead)).toBe(30 - moved);
  await expectAccessible(page);
  for (const name of [work, dead]) await wireApi('DELETE', `/queues/${name}`);
});
