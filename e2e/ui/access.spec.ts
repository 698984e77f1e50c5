// A second user without a grant on a project sees neither its pages nor its data.
import { expect, test } from '@playwright/test';
import { BASE_URL, PROJECT_ID } from '../support/env';
import { createHudUser, expectAccessible } from '../support/hud';

test.use({ storageState: { cookies: [], origins: [] } });

const PASSWORD = 'second user password';

test('a user without access gets 404 from the page and the BFF, and an empty project list', async ({ page }) => {
  const email = `second-${Date.now()}@example.test`;
  await createHudUser(email, PASSWORD);
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();

  await expect(page.getByRole('heading', { name: 'No projects yet' })).toBeVisible();
  await expectAccessible(page);

  const response = await page.goto(`/projects/${PROJECT_ID}/queues`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: 'Project not found' })).toBeVisible();

  for (const path of [`/api/projects/${PROJECT_ID}/queues`, `/api/projects/${PROJECT_ID}/tokens`]) {
    const reply = await page.request.get(`${BASE_URL}${path}`);
    expect(reply.status()).toBe(404);
    expect(await reply.json()).toEqual({ code: 'PROJECT_NOT_FOUND', msg: 'Project not found' });
  }
  const rename = await page.request.patch(`${BASE_URL}/api/projects/${PROJECT_ID}`, {
    headers: { origin: BASE_URL },
    data: { name: 'taken over' },
  });
  expect(rename.status()).toBe(404);
});
