// Alerts in the HUD: added, edited and deleted on the alerts tab with the server's rules shown in
// the form, each trigger drawn as a line on the size chart, and a firing seen both in the target
// queue and in the recent alert messages beside the chart.
import { expect, test, type Page } from '@playwright/test';
import { PROJECT_ID } from '../support/env';
import { expectAccessible, seedMessages, uniqueName, wireApi } from '../support/hud';

const alertsUrl = (queue: string) => `/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}?tab=alerts`;

/** Fills the alert dialog and saves it; the dialog stays open when the server refuses. */
async function saveAlert(page: Page, alert: { type?: string; direction?: string; trigger?: string; queue?: string; snooze?: string }) {
  const dialog = page.getByRole('dialog', { name: /alert/ });
  if (alert.type) await dialog.getByLabel('Type').selectOption(alert.type);
  if (alert.direction) await dialog.getByLabel('Direction').selectOption(alert.direction);
  if (alert.trigger) await dialog.getByLabel('Trigger (messages)').fill(alert.trigger);
  if (alert.queue) await dialog.getByLabel('Target queue').fill(alert.queue);
  if (alert.snooze) await dialog.getByLabel('Snooze (seconds)').fill(alert.snooze);
  await dialog.getByRole('button', { name: /^(Add|Save) alert$/ }).click();
  return dialog;
}

async function sizeOf(queue: string): Promise<number> {
  const reply = await wireApi('GET', `/queues/${encodeURIComponent(queue)}`);
  return reply.ok ? ((await reply.json()) as { queue: { size: number } }).queue.size : -1;
}

test('adds, edits and deletes an alert; its line is on the chart and its firing reaches the target queue', async ({ page }) => {
  const queue = uniqueName('alerts');
  const target = `${queue}-ops`;
  const upstream = `${queue}-upstream`;
  await wireApi('PUT', `/queues/${queue}`, {});
  await wireApi('PUT', `/queues/${upstream}`, { queue: { alerts: [{ type: 'progressive', trigger: 5, queue }] } });
  await page.goto(alertsUrl(queue));
  await expect(page.getByRole('heading', { name: 'No alerts' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Add alert' }).click();
  await saveAlert(page, { trigger: '4', queue: target, snooze: '60' });
  await expect(page.getByRole('status').getByText('Alert added')).toBeVisible();
  await expect(page.getByTestId('alert-row')).toHaveCount(1);
  await expect(page.getByTestId('alert-row')).toContainText(/fixed\s*rising\s*4\s*1 min/);

  await page.getByRole('button', { name: 'Add alert' }).click();
  let dialog = await saveAlert(page, { trigger: '4', queue: target });
  await expect(dialog.getByRole('alert')).toContainText('An alert duplicates an existing one');
  dialog = await saveAlert(page, { type: 'progressive', trigger: '10', queue });
  await expect(dialog.getByRole('alert')).toContainText('A progressive alert cannot target its own queue');
  dialog = await saveAlert(page, { type: 'progressive', trigger: '10', queue: upstream });
  await expect(dialog.getByRole('alert')).toContainText(`A progressive alert to ${upstream} would form a cycle of progressive alerts back to ${queue}`);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: /^Edit alert fixed rising at 4$/ }).click();
  dialog = page.getByRole('dialog', { name: 'Edit alert' });
  await expect(dialog.getByLabel('Trigger (messages)')).toHaveValue('4');
  await saveAlert(page, { trigger: '2', snooze: '0' });
  await expect(page.getByRole('status').getByText('Alert saved')).toBeVisible();
  await expect(page.getByTestId('alert-row')).toContainText(/fixed\s*rising\s*2\s*none/);

  // Three posts cross the trigger of 2: the alert fires once into its target.
  await seedMessages(queue, 3);
  await expect.poll(() => sizeOf(target)).toBe(1);
  const chart = page.getByRole('figure', { name: 'Queue size' });
  await expect(chart).toHaveAccessibleDescription(/Alert line at 2\.$/);
  await expect(chart.locator('.alert-line')).toHaveCount(1);
  await expect(chart).toContainText('↑ 2');
  await expect(page.getByTestId('alert-firing')).toHaveCount(1);
  await expect(page.getByTestId('alert-firing')).toContainText('fixed rising 2: size 3');
  await expect(page.getByTestId('alert-firing').getByRole('link', { name: target })).toBeVisible();
  await expectAccessible(page);

  await page.goto(`/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}?tab=overview`);
  await expect(page.getByRole('figure', { name: 'Queue size' }).locator('.alert-line')).toHaveCount(1);

  await page.goto(alertsUrl(queue));
  await page.getByRole('button', { name: /^Delete alert fixed rising at 2$/ }).click();
  await page.getByRole('dialog', { name: 'Delete alert' }).getByRole('button', { name: 'Delete alert' }).click();
  await expect(page.getByRole('heading', { name: 'No alerts' })).toBeVisible();
  const stored = ((await (await wireApi('GET', `/queues/${queue}`)).json()) as { queue: { alerts?: unknown[] } }).queue;
  expect(stored.alerts).toBeUndefined();
  for (const name of [queue, target, upstream]) await wireApi('DELETE', `/queues/${name}`);
});

test('a queue with five alerts refuses a sixth in the form; a push queue has no alerts tab', async ({ page }) => {
  const queue = uniqueName('alerts-full');
  const alerts = [1, 2, 3, 4, 5].map((trigger) => ({ type: 'fixed', trigger, queue: `${queue}-ops` }));
  await wireApi('PUT', `/queues/${queue}`, { queue: { alerts } });
  await page.goto(alertsUrl(queue));
  await expect(page.getByTestId('alert-row')).toHaveCount(5);
  await page.getByRole('button', { name: 'Add alert' }).click();
  const dialog = await saveAlert(page, { trigger: '6', queue: `${queue}-ops` });
  await expect(dialog.getByRole('alert')).toContainText('A queue can have at most 5 alerts');

  const pushed = uniqueName('alerts-push');
  await wireApi('PUT', `/queues/${pushed}`, { queue: { type: 'multicast', push: { subscribers: [{ name: 'a', url: 'http://127.0.0.1:9/' }] } } });
  await page.goto(alertsUrl(pushed));
  await expect(page.getByRole('navigation', { name: 'Queue views' }).getByRole('link', { name: 'Alerts' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Queue views' }).getByRole('link', { name: 'Overview' })).toHaveAttribute('aria-current', 'page');
  for (const name of [queue, pushed]) await wireApi('DELETE', `/queues/${name}`);
});
