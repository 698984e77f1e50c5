// The queue list: empty state, create dialog, prefix filter and cursor paging in the URL, and
// per-row clear and delete.
import { expect, test } from '@playwright/test';
import { BASE_URL, PROJECT_ID } from '../support/env';
import { expectAccessible, seedMessages, uniqueName, wireApi } from '../support/hud';

const queuesUrl = (query = '') => `/projects/${PROJECT_ID}/queues${query}`;

test('a project without queues explains itself with a curl example for this server', async ({ page }) => {
  const projectName = uniqueName('empty');
  const created = await page.request.post(`${BASE_URL}/api/projects`, { headers: { origin: BASE_URL }, data: { name: projectName } });
  const project = (await created.json()) as { id: string };
  await page.goto(`/projects/${project.id}/queues`);
  await expect(page.getByRole('heading', { name: 'No queues yet' })).toBeVisible();
  await expect(page.getByRole('figure').filter({ hasText: 'curl' })).toContainText(
    `curl -X POST "${BASE_URL}/3/projects/${project.id}/queues/my_queue/messages"`,
  );
  await expectAccessible(page);
  await page.request.delete(`${BASE_URL}/api/projects/${project.id}`, { headers: { origin: BASE_URL }, data: { name: projectName } });
});

test('creates pull and multicast queues from the dialog', async ({ page }) => {
  const pull = `${uniqueName('pull')} with %/odd chars`;
  const push = uniqueName('multicast');
  await page.goto(queuesUrl());

  await page.getByRole('button', { name: 'New queue' }).click();
  let dialog = page.getByRole('dialog', { name: 'New queue' });
  await dialog.getByLabel('Name').fill(pull);
  await dialog.getByLabel('Message timeout (seconds)').fill('30');
  await dialog.getByLabel('Dead-letter queue').fill(`${pull}-dead`);
  await dialog.getByLabel('Max reservations').fill('3');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Create queue' }).click();
  await expect(page.getByRole('status').getByText(`Queue “${pull}” created`)).toBeVisible();

  await page.getByRole('button', { name: 'New queue' }).click();
  dialog = page.getByRole('dialog', { name: 'New queue' });
  await dialog.getByLabel('Name').fill(push);
  await dialog.getByRole('radio', { name: /Multicast/ }).check();
  await dialog.getByLabel('Subscriber URL').fill('http://127.0.0.1:9/hook');
  await dialog.getByRole('button', { name: 'Create queue' }).click();
  await expect(page.getByTestId('queue-row').filter({ hasText: push })).toContainText('multicast');

  // The dead-letter queue's row links back to this queue too: the row's own link comes first.
  await page.getByRole('link', { name: pull, exact: true }).first().click();
  await expect(page.getByRole('heading', { name: pull, level: 1 })).toBeVisible();
  await expect(page.getByText(`${pull}-dead after 3 reservations`)).toBeVisible();
  await expect(page.getByText('30 s', { exact: true })).toBeVisible();

  for (const name of [pull, `${pull}-dead`, push]) await wireApi('DELETE', `/queues/${encodeURIComponent(name)}`);
});

test('filters by prefix and pages by cursor, both in the URL', async ({ page }) => {
  const prefix = uniqueName('page');
  const names = Array.from({ length: 55 }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
  for (const name of names) expect((await wireApi('PUT', `/queues/${name}`, {})).ok).toBe(true);

  await page.goto(queuesUrl());
  await page.getByLabel('Filter by name prefix').fill(prefix);
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await expect(page).toHaveURL(queuesUrl(`?prefix=${prefix}`));
  await expect(page.getByTestId('queue-row')).toHaveCount(50);
  await expect(page.getByTestId('queue-row').first()).toContainText(names[0]);

  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(queuesUrl(`?prefix=${prefix}&after=${names[49]}`));
  await expect(page.getByTestId('queue-row')).toHaveCount(5);
  await expect(page.getByRole('link', { name: 'Next page' })).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId('queue-row').first()).toContainText(names[50]);
  await page.getByRole('link', { name: 'First page' }).click();
  await expect(page.getByTestId('queue-row')).toHaveCount(50);

  for (const name of names) await wireApi('DELETE', `/queues/${name}`);
});

test('clears and deletes a queue from its row after confirmation, typing the name to delete', async ({ page }) => {
  const name = uniqueName('rowops');
  await seedMessages(name, 3);
  await page.goto(queuesUrl(`?prefix=${name}`));
  const row = page.getByTestId('queue-row').filter({ hasText: name });
  await expect(row.getByRole('cell').nth(2)).toHaveText('3');

  await row.getByRole('button', { name: `Clear ${name}` }).click();
  await page.getByRole('dialog', { name: 'Clear queue' }).getByRole('button', { name: 'Clear queue' }).click();
  await expect(row.getByRole('cell').nth(2)).toHaveText('0');
  await expect(row.getByRole('cell').nth(3)).toHaveText('3');

  // Deleting asks for the name, as the Settings tab does for the same action.
  await row.getByRole('button', { name: `Delete ${name}` }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete queue' });
  await expect(confirm.getByRole('button', { name: 'Delete queue' })).toBeDisabled();
  await confirm.getByLabel(`Type ${name} to confirm`).fill(name);
  await confirm.getByRole('button', { name: 'Delete queue' }).click();
  await expect(page.getByRole('heading', { name: 'No matching queues' })).toBeVisible();
  expect((await wireApi('GET', `/queues/${name}`)).status).toBe(404);
});
