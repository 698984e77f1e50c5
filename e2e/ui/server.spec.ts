// The admins' server page: the process's figures, live, from the same registry /metrics serves;
// a non-admin gets the admins-only notice and a 403 from the BFF.
import { expect, test } from '@playwright/test';
import { BASE_URL } from '../support/env';
import { createHudUser, expectAccessible, uniqueName, wireApi } from '../support/hud';

test('an admin sees version, uptime, store, commits and the event loop', async ({ page }) => {
  const queue = uniqueName('server-page');
  expect((await wireApi('POST', `/queues/${queue}/messages`, { messages: [{ body: 'commit me' }] })).ok).toBe(true);
  await page.goto('/projects');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Server' }).click();
  await expect(page.getByRole('heading', { name: 'Server', level: 1 })).toBeVisible();
  for (const label of ['Version', 'Uptime', 'Memory', 'Requests', 'Data size', 'Disk free', 'Commit latency', 'Writes per commit', 'Delay p50', 'Delay p99', 'Long polls']) {
    await expect(page.getByText(label, { exact: true })).toBeVisible();
  }
  await expect(page.getByText(/^0\.1\.0$/)).toBeVisible();
  await expect(page.getByText(/\d+(\.\d+)? (B|KiB|MiB|GiB)/).first()).toBeVisible();
  await expectAccessible(page);
  await wireApi('DELETE', `/queues/${queue}`);
});

test.describe('a non-admin', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('gets the admins-only notice and a 403 from /api/server', async ({ page }) => {
    const email = `${uniqueName('viewer')}@example.test`;
    await createHudUser(email, 'a long enough password');
    await page.goto('/login');
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill('a long enough password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/projects$/);
    await page.goto('/server');
    await expect(page.getByRole('heading', { name: 'Admins only' })).toBeVisible();
    expect((await page.request.get(`${BASE_URL}/api/server`)).status()).toBe(403);
  });
});
