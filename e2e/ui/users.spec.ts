// The users page: an admin creates a user and grants a project, the user signs in elsewhere and
// sees only that project until it is revoked; a non-admin is refused by the page and the BFF.
import { expect, test, type Browser, type Page } from '@playwright/test';
import { BASE_URL, PROJECT_ID } from '../support/env';
import { createHudUser, expectAccessible, uniqueName } from '../support/hud';

const PASSWORD = 'new user password';

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/projects$/);
}

/** A page in a fresh browser context, so the admin's session in `page` stays untouched. */
async function signedInElsewhere(browser: Browser, email: string, password: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, email, password);
  return page;
}

test('an admin creates a user, grants a project and revokes it', async ({ page, browser }) => {
  const email = `${uniqueName('member')}@example.test`;
  const projectName = uniqueName('members-project');
  const created = await page.request.post(`${BASE_URL}/api/projects`, { headers: { origin: BASE_URL }, data: { name: projectName } });
  const projectId = ((await created.json()) as { id: string }).id;

  await page.goto('/projects');
  await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Users' }).click();
  await expect(page.getByRole('heading', { name: 'Users', level: 1 })).toBeVisible();
  await expect(page.getByTestId('user-row').filter({ hasText: 'admin@example.test' })).toContainText('Admin');
  await expectAccessible(page);

  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  await dialog.getByLabel('Email').fill(email);
  await dialog.getByLabel('Password').fill('short');
  await expect(dialog.getByRole('button', { name: 'Create user' })).toBeDisabled();
  await dialog.getByLabel('Password').fill(PASSWORD);
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(page.getByRole('status').getByText(`User ${email} created`)).toBeVisible();
  const row = page.getByTestId('user-row').filter({ hasText: email });
  await expect(row).toContainText('Member');

  await row.getByRole('button', { name: `Project access of ${email}` }).click();
  const access = page.getByRole('dialog', { name: 'Project access' });
  await access.getByRole('checkbox', { name: projectName }).check();
  await expect(page.getByRole('status').getByText(`can now see “${projectName}”`)).toBeVisible();
  await expect(access.getByRole('checkbox', { name: projectName })).toBeChecked();
  await expectAccessible(page);
  await access.getByRole('button', { name: 'Done' }).click();
  await expect(row.getByRole('cell').nth(2)).toHaveText('1');

  const member = await signedInElsewhere(browser, email, PASSWORD);
  await expect(member.getByTestId('project-row')).toHaveCount(1);
  await expect(member.getByTestId('project-row')).toContainText(projectName);
  await expect(member.getByRole('link', { name: 'Users' })).toHaveCount(0);
  expect((await member.goto(`/projects/${projectId}/queues`))?.status()).toBe(200);
  expect((await member.goto(`/projects/${PROJECT_ID}/queues`))?.status()).toBe(404);

  await row.getByRole('button', { name: `Project access of ${email}` }).click();
  await access.getByRole('checkbox', { name: projectName }).uncheck();
  await expect(access.getByRole('checkbox', { name: projectName })).not.toBeChecked();
  await access.getByRole('button', { name: 'Done' }).click();

  expect((await member.goto(`/projects/${projectId}/queues`))?.status()).toBe(404);
  await expect(member.getByRole('heading', { name: 'Project not found' })).toBeVisible();
  const reply = await member.request.get(`${BASE_URL}/api/projects/${projectId}/queues`);
  expect(reply.status()).toBe(404);
  await member.context().close();
  await page.request.delete(`${BASE_URL}/api/projects/${projectId}`, { headers: { origin: BASE_URL }, data: { name: projectName } });
});

test.describe('a non-admin', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('gets 403 from the users BFF and an admins-only page', async ({ page }) => {
    const email = `${uniqueName('plain')}@example.test`;
    await createHudUser(email, PASSWORD, [PROJECT_ID]);
    await signIn(page, email, PASSWORD);
    await expect(page.getByRole('link', { name: 'Users' })).toHaveCount(0);

    const writes = [
      page.request.get(`${BASE_URL}/api/users`),
      page.request.post(`${BASE_URL}/api/users`, { headers: { origin: BASE_URL }, data: { email: 'x@example.test', password: PASSWORD, isAdmin: true } }),
      page.request.put(`${BASE_URL}/api/projects/${PROJECT_ID}/members/${'c'.repeat(24)}`, { headers: { origin: BASE_URL } }),
      page.request.delete(`${BASE_URL}/api/projects/${PROJECT_ID}/members/${'c'.repeat(24)}`, { headers: { origin: BASE_URL } }),
    ];
    for (const reply of await Promise.all(writes)) {
      expect(reply.status()).toBe(403);
      expect(await reply.json()).toEqual({ code: 'ADMIN_ONLY', msg: 'Only admins can manage users' });
    }

    await page.goto('/users');
    await expect(page.getByRole('heading', { name: 'Admins only' })).toBeVisible();
    await expect(page.getByTestId('user-row')).toHaveCount(0);
    await expectAccessible(page);
  });
});
