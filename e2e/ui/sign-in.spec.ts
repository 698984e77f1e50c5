// The sign-in page: redirect with a return address, wrong password, success, backoff, sign-out.
import { expect, test } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, PROJECT_ID } from '../support/env';
import { expectAccessible } from '../support/hud';

test.use({ storageState: { cookies: [], origins: [] } });

async function signIn(page: import('@playwright/test').Page, email: string, password: string) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

test('an unauthenticated visit goes to sign-in and comes back to the same URL', async ({ page }) => {
  const target = `/projects/${PROJECT_ID}/queues?prefix=abc`;
  await page.goto(target);
  await expect(page).toHaveURL(`/login?callbackUrl=${encodeURIComponent(target)}`);
  await expectAccessible(page);

  await signIn(page, ADMIN_EMAIL, 'not the password');
  await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');

  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL(target);
  await expect(page.getByRole('heading', { name: 'Queues', level: 1 })).toBeVisible();
});

test('repeated failures for one email are slowed down', async ({ page }) => {
  await page.goto('/login');
  const email = `nobody-${Date.now()}@example.test`;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    await signIn(page, email, 'wrong password');
    await expect(page.getByRole('main').getByRole('alert')).toHaveText('Wrong email or password.');
  }
  // Each wait doubles (1 s, 2 s, 4 s, …): however slow this machine is between attempts, one of
  // the next few lands inside a wait. The test asserts that state, never a speed.
  const alert = page.getByRole('main').getByRole('alert');
  let isThrottled = false;
  for (let attempt = 0; attempt < 6 && !isThrottled; attempt += 1) {
    // The form hides its message while it submits, so the message read after the answer is this attempt's.
    const answered = page.waitForResponse((response) => response.url().includes('/api/auth/callback/credentials'));
    await signIn(page, email, 'wrong password');
    await answered;
    await expect(alert).toHaveText(/Wrong email or password\.|Too many failed sign-ins/);
    isThrottled = (await alert.textContent())?.includes('Too many failed sign-ins') ?? false;
  }
  expect(isThrottled).toBe(true);
});

test('signing out ends the session', async ({ page }) => {
  await page.goto('/login');
  await signIn(page, ADMIN_EMAIL, ADMIN_PASSWORD);
  await expect(page).toHaveURL(/\/projects$/);
  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/projects');
  await expect(page).toHaveURL(/\/login\?callbackUrl=%2Fprojects$/);
});
