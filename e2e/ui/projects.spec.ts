// The projects page: list with totals, create, rename, delete behind typing the name.
import { expect, test } from '@playwright/test';
import { PROJECT_ID } from '../support/env';
import { expectAccessible, uniqueName } from '../support/hud';

test('lists the first project with a copyable id and passes axe', async ({ page }) => {
  await page.goto('/projects');
  await expect(page.getByRole('heading', { name: 'Projects', level: 1 })).toBeVisible();
  const row = page.getByTestId('project-row').filter({ hasText: PROJECT_ID });
  await expect(row.getByRole('link', { name: 'My First Project', exact: true })).toBeVisible();
  await expect(row.getByRole('button', { name: /Copy project id/ })).toBeVisible();
  await expectAccessible(page);
});

test('creates, renames and deletes a project', async ({ page }) => {
  const name = uniqueName('project');
  const renamed = `${name}-renamed`;
  await page.goto('/projects');

  await page.getByRole('button', { name: 'New project' }).click();
  const createDialog = page.getByRole('dialog', { name: 'New project' });
  await createDialog.getByLabel('Name').fill(name);
  await expectAccessible(page);
  await createDialog.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('status').getByText(`Project “${name}” created`)).toBeVisible();
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();

  await page.getByRole('button', { name: `Rename ${name}` }).click();
  const renameDialog = page.getByRole('dialog', { name: 'Rename project' });
  await renameDialog.getByLabel('New name').fill(renamed);
  await renameDialog.getByRole('button', { name: 'Rename' }).click();
  await expect(page.getByRole('link', { name: renamed, exact: true })).toBeVisible();

  await page.getByRole('button', { name: `Delete ${renamed}` }).click();
  const deleteDialog = page.getByRole('dialog', { name: 'Delete project' });
  const confirm = deleteDialog.getByRole('button', { name: 'Delete project' });
  await expect(confirm).toBeDisabled();
  await deleteDialog.getByLabel(/Type .* to confirm/).fill(name);
  await expect(confirm).toBeDisabled();
  await deleteDialog.getByLabel(/Type .* to confirm/).fill(renamed);
  await confirm.click();
  await expect(page.getByRole('link', { name: renamed, exact: true })).toHaveCount(0);
});

test('shows the server error for an invalid name', async ({ page }) => {
  await page.goto('/projects');
  await page.getByRole('button', { name: 'New project' }).click();
  const dialog = page.getByRole('dialog', { name: 'New project' });
  await dialog.getByLabel('Name').evaluate((input: HTMLInputElement) => input.removeAttribute('maxlength'));
  await dialog.getByLabel('Name').fill('y'.repeat(120));
  await dialog.getByRole('button', { name: 'Create project' }).click();
  await expect(page.getByRole('alert').getByText(/Invalid name/)).toBeVisible();
});

test('works from the keyboard alone, and live updates can be paused', async ({ page }) => {
  const name = uniqueName('keyboard');
  await page.goto('/projects');
  await page.getByRole('button', { name: 'New project' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'New project' }).getByLabel('Name')).toBeFocused();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('link', { name, exact: true })).toBeVisible();

  await page.getByRole('button', { name: `Delete ${name}` }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Delete project' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Delete project' })).toHaveCount(0);
  await page.request.delete(`/api/projects/${await projectIdOf(page, name)}`, { headers: { origin: new URL(page.url()).origin }, data: { name } });

  const live = page.getByRole('button', { name: /Live updates/ });
  await expect(live).toHaveAttribute('aria-pressed', 'true');
  await live.click();
  await expect(live).toHaveAttribute('aria-pressed', 'false');
  await expect(live).toHaveText(/paused/);
});

async function projectIdOf(page: import('@playwright/test').Page, name: string): Promise<string> {
  return (await page.getByTestId('project-row').filter({ hasText: name }).locator('code').textContent()) ?? '';
}
