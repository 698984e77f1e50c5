// The API tokens page: create with a one-time reveal, use it from the official Node client,
// revoke it, and see the client refused.
import { expect, test } from '@playwright/test';
import { E2E_PORT, PROJECT_ID } from '../support/env';
import { expectAccessible, uniqueName, wireApi } from '../support/hud';
import { ironMqQueue } from '../support/iron-mq';

test('shows client settings with this server and project, and passes axe', async ({ page }) => {
  await page.goto(`/projects/${PROJECT_ID}/tokens`);
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();
  await expect(page.getByTestId('token-row').filter({ hasText: 'Default token' })).toBeVisible();
  const ironJson = page.getByRole('figure').filter({ hasText: 'iron.json' });
  await expect(ironJson).toContainText(`"project_id": "${PROJECT_ID}"`);
  await expect(ironJson).toContainText(`"port": ${E2E_PORT}`);
  await expect(ironJson).toContainText('"host": "127.0.0.1"');
  await expectAccessible(page);
});

test('a created token works from iron_mq until it is revoked', async ({ page }) => {
  const tokenName = uniqueName('token');
  const queueName = uniqueName('token-queue');
  await page.goto(`/projects/${PROJECT_ID}/tokens`);

  await page.getByRole('button', { name: 'New token' }).click();
  const dialog = page.getByRole('dialog', { name: 'New API token' });
  await dialog.getByLabel('Name').fill(tokenName);
  await dialog.getByRole('button', { name: 'Create token' }).click();
  const reveal = page.getByRole('dialog', { name: 'Copy your new token' });
  const secret = await reveal.getByLabel(`Token “${tokenName}”`).inputValue();
  expect(secret.length).toBeGreaterThan(20);
  await expect(reveal.getByRole('figure').filter({ hasText: 'iron.json' })).toContainText(secret);
  await expectAccessible(page);
  await reveal.getByRole('button', { name: 'I have copied it' }).click();

  const row = page.getByTestId('token-row').filter({ hasText: tokenName });
  await expect(row).toContainText(secret.slice(-4));
  await expect(row).not.toContainText(secret);

  const client = ironMqQueue({ port: E2E_PORT, projectId: PROJECT_ID, token: secret, queueName });
  const id = await client.post('hello from iron_mq');
  expect(typeof id).toBe('string');

  await row.getByRole('button', { name: `Revoke ${tokenName}` }).click();
  await page.getByRole('dialog', { name: 'Revoke token' }).getByRole('button', { name: 'Revoke token' }).click();
  await expect(page.getByTestId('token-row').filter({ hasText: tokenName })).toHaveCount(0);

  await expect(client.post('after revoke')).rejects.toThrow(/401|Invalid project\/token/);
  await wireApi('DELETE', `/queues/${queueName}`);
});
