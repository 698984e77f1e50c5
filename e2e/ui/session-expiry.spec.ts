// A session that ends while a page is open: the next BFF call answers 401, the HUD goes to
// sign-in with the page as the return address, and signing in lands on that same page.
import { expect, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, PROJECT_ID } from '../support/env';
import { pauseLiveUpdates, seedMessages, uniqueName, wireApi } from '../support/hud';

test('an expired session returns to the same queue page after signing in', async ({ page }) => {
  const queue = uniqueName('expiry');
  await seedMessages(queue, 1);
  const target = `/projects/${PROJECT_ID}/queues/${queue}?tab=messages`;
  await page.goto(target);
  await expect(page.getByRole('heading', { name: queue, level: 1 })).toBeVisible();

  await page.context().clearCookies();
  // The live refresh polls every 5 s; its next call is the one that finds the session gone.
  await expect(page).toHaveURL(`/login?${new URLSearchParams({ callbackUrl: target })}`, { timeout: 15_000 });

  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(target);
  await expect(page.getByRole('heading', { name: queue, level: 1 })).toBeVisible();
  await wireApi('DELETE', `/queues/${queue}`);
});

test('a write with an expired session also goes to sign-in with the page as return address', async ({ page }) => {
  const target = '/projects';
  await page.goto(target);
  await pauseLiveUpdates(page);
  await page.context().clearCookies();

  await page.getByRole('button', { name: 'New project' }).click();
  await page.getByRole('dialog', { name: 'New project' }).getByLabel('Name').fill(uniqueName('never-created'));
  await page.getByRole('dialog', { name: 'New project' }).getByRole('button', { name: 'Create project' }).click();
  await expect(page).toHaveURL(`/login?${new URLSearchParams({ callbackUrl: target })}`);
});
