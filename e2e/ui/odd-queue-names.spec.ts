// Oddly named queues in Chromium: names no URL can carry are refused by the create dialog; names
// with slashes, percent signs and non-ASCII letters open, clear and delete like any other; and
// queues stored under "." or ".." by an older Ferro can still be opened, cleared and deleted
// without touching anything else (once, clearing "." deleted the queue "messages", and deleting
// ".." deleted the whole project).
import { expect, test, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SqliteQueueStore } from '../../lib/engine/sqlite/sqlite-store';
import { defaultQueueSettings } from '../../lib/engine/queue-settings';
import { QUEUES_DB_FILE } from '../../lib/runtime';
import { ADMIN_EMAIL, ADMIN_PASSWORD, BASE_URL, E2E_PORT } from '../support/env';
import { uniqueName } from '../support/hud';

/** Creates a project through the BFF and returns its id and name. */
async function createProject(page: Page): Promise<{ id: string; name: string }> {
  const name = uniqueName('odd-names');
  const reply = await page.request.post(`${BASE_URL}/api/projects`, { headers: { origin: BASE_URL }, data: { name } });
  expect(reply.status()).toBe(201);
  return { id: ((await reply.json()) as { id: string }).id, name };
}

async function createInDialog(page: Page, name: string) {
  await page.getByRole('button', { name: 'New queue' }).click();
  const dialog = page.getByRole('dialog', { name: 'New queue' });
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByRole('button', { name: 'Create queue' }).click();
  return dialog;
}

async function backToQueues(page: Page) {
  await page.getByRole('navigation', { name: 'Queue breadcrumb' }).getByRole('link', { name: 'Queues' }).click();
}

function rowOf(page: Page, name: string) {
  return page.getByTestId('queue-row').filter({ has: page.getByRole('link', { name, exact: true }) });
}

async function clearFromList(page: Page, name: string) {
  await rowOf(page, name).getByRole('button', { name: `Clear ${name}`, exact: true }).click();
  await page.getByRole('dialog', { name: 'Clear queue' }).getByRole('button', { name: 'Clear queue' }).click();
  await expect(page.getByRole('status').getByText(`Queue “${name}” cleared`)).toBeVisible();
}

async function deleteFromList(page: Page, name: string) {
  await rowOf(page, name).getByRole('button', { name: `Delete ${name}`, exact: true }).click();
  const confirm = page.getByRole('dialog', { name: 'Delete queue' });
  await confirm.getByRole('textbox').fill(name);
  await confirm.getByRole('button', { name: 'Delete queue' }).click();
  await expect(page.getByRole('status').getByText(`Queue “${name}” deleted`)).toBeVisible();
  await expect(rowOf(page, name)).toHaveCount(0);
}

test('the create dialog refuses names no URL can carry, with the server’s reason', async ({ page }) => {
  const project = await createProject(page);
  await page.goto(`/projects/${project.id}/queues`);
  for (const [name, reason] of [
    ['..', 'Queue name cannot be "..": URLs remove "." and ".." path segments'],
    ['.', 'Queue name cannot be ".": URLs remove "." and ".." path segments'],
    ['   ', 'Queue name must not be empty or only whitespace'],
  ]) {
    const dialog = await createInDialog(page, name);
    await expect(dialog.getByRole('alert')).toHaveText(reason);
    await dialog.getByRole('button', { name: 'Cancel' }).click();
  }
  await expect(page.getByRole('heading', { name: 'No queues yet' })).toBeVisible();
  await page.request.delete(`${BASE_URL}/api/projects/${project.id}`, { headers: { origin: BASE_URL }, data: { name: project.name } });
});

test('queues named a/b, %2F and in Unicode open, clear and delete like any other', async ({ page }) => {
  const project = await createProject(page);
  const token = await page.request.post(`${BASE_URL}/api/projects/${project.id}/tokens`, { headers: { origin: BASE_URL }, data: { name: 'bystander' } });
  expect(token.status()).toBe(201);
  const bystander = 'messages';
  await page.goto(`/projects/${project.id}/queues`);
  await createInDialog(page, bystander);
  const odd = ['a/b', '%2F', 'ünï cödé 🚀', '...'];
  for (const name of odd) {
    await createInDialog(page, name);
    await expect(rowOf(page, name)).toBeVisible();
  }

  for (const name of odd) {
    await rowOf(page, name).getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'Messages', exact: true }).click();
    await page.getByRole('button', { name: 'Post messages' }).click();
    const post = page.getByRole('dialog', { name: 'Post messages' });
    await post.getByLabel('Body', { exact: true }).fill(`hello ${name}`);
    await post.getByRole('button', { name: 'Post', exact: true }).click();
    await expect(page.getByTestId('message-row')).toHaveCount(1);
    await backToQueues(page);
    await expect(rowOf(page, name).getByRole('cell').nth(2)).toHaveText('1');
    await clearFromList(page, name);
    await expect(rowOf(page, name).getByRole('cell').nth(2)).toHaveText('0');
    await deleteFromList(page, name);
  }

  await expect(rowOf(page, bystander)).toBeVisible();
  await page.goto(`/projects/${project.id}/tokens`);
  await expect(page.getByText('bystander')).toBeVisible();
  await page.request.delete(`${BASE_URL}/api/projects/${project.id}`, { headers: { origin: BASE_URL }, data: { name: project.name } });
});

test.describe('queues named "." and ".." from before the engine refused them', () => {
  const PROJECT_ID = 'abcdefabcdefabcdefabcdef';
  const port = E2E_PORT + 7;
  const legacyUrl = `http://127.0.0.1:${port}`;
  let dataDir = '';
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-e2e-legacy-'));
    // Written straight into the store, as an older Ferro did: the engine refuses these names now.
    const store = new SqliteQueueStore({ path: path.join(dataDir, QUEUES_DB_FILE), syncMode: 'normal' });
    const message = (body: string) => ({ body, delayMs: 0, pushHeaders: null });
    for (const [name, count] of [['.', 3], ['..', 2], ['messages', 4]] as const) {
      await store.saveQueue(PROJECT_ID, name, () => defaultQueueSettings(), Date.now());
      await store.postMessages(PROJECT_ID, name, Array.from({ length: count }, (_, i) => message(`${name} #${i}`)), Date.now());
    }
    await store.close();

    server = spawn(process.execPath, ['dist/server.js'], {
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        HOST: '127.0.0.1',
        PORT: String(port),
        FERRO_DATA_DIR: dataDir,
        FERRO_ADMIN_EMAIL: ADMIN_EMAIL,
        FERRO_ADMIN_PASSWORD: ADMIN_PASSWORD,
        FERRO_PROJECT_ID: PROJECT_ID,
        FERRO_TOKEN: 'ferro-e2e-legacy-token',
        FERRO_SYNC: 'normal',
        NEXTAUTH_SECRET: '',
        NEXTAUTH_URL: '',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      let output = '';
      server!.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('Ferro listening on')) resolve();
      });
      server!.once('exit', (code) => reject(new Error(`legacy server exited with ${code}: ${output}`)));
    });
  });

  test.afterAll(async () => {
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once('exit', resolve));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  test('can be opened, cleared and deleted, and nothing else changes', async ({ browser }) => {
    const context = await browser.newContext({ baseURL: legacyUrl, storageState: { cookies: [], origins: [] } });
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('Email').fill(ADMIN_EMAIL);
    await page.getByLabel('Password').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page).toHaveURL(/\/projects$/);

    await page.goto(`/projects/${PROJECT_ID}/queues`);
    await expect(rowOf(page, '..').getByRole('cell').nth(2)).toHaveText('2');
    await rowOf(page, '..').getByRole('link', { name: '..', exact: true }).click();
    await expect(page).toHaveURL(`${legacyUrl}/projects/${PROJECT_ID}/queues/~..`);
    await expect(page.getByRole('heading', { name: '..', level: 1 })).toBeVisible();
    await page.getByRole('link', { name: 'Messages', exact: true }).click();
    await expect(page.getByTestId('message-row')).toHaveCount(2);
    await backToQueues(page);

    await clearFromList(page, '.');
    await expect(rowOf(page, '.').getByRole('cell').nth(2)).toHaveText('0');
    await expect(rowOf(page, 'messages').getByRole('cell').nth(2)).toHaveText('4');

    await deleteFromList(page, '..');
    await deleteFromList(page, '.');
    await expect(rowOf(page, 'messages').getByRole('cell').nth(2)).toHaveText('4');
    await page.goto(`/projects/${PROJECT_ID}/tokens`);
    await expect(page.getByRole('heading', { name: 'API tokens' })).toBeVisible();
    await expect(page.getByTestId('token-row')).toHaveCount(1);
    await context.close();
  });
});
