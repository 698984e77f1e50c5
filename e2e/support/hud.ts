// Helpers the UI and API specs share: unique names, the wire API for seeding data quickly, extra
// HUD users straight in the auth store, and the accessibility check every page must pass.
import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';
import { randomBytes } from 'node:crypto';
import { openSqliteAuthStore } from '../../lib/auth/sqlite-auth-store';
import { BASE_URL, DATA_DIR, PROJECT_ID, TOKEN } from './env';

/** A name no other test (or earlier run) uses, e.g. `e2e-orders-3fa9c1`. */
export function uniqueName(prefix: string): string {
  return `e2e-${prefix}-${randomBytes(3).toString('hex')}`;
}

/** Calls the IronMQ v3 wire API of the first project with its fixed token. */
export async function wireApi(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${BASE_URL}/3/projects/${PROJECT_ID}${path}`, {
    method,
    headers: { authorization: `OAuth ${TOKEN}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** Posts `count` messages with bodies `${prefix}-0`, `${prefix}-1`, … to a queue of the first project. */
export async function seedMessages(queueName: string, count: number, prefix = 'msg'): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < count; start += 100) {
    const messages = Array.from({ length: Math.min(100, count - start) }, (_, i) => ({ body: `${prefix}-${start + i}` }));
    const response = await wireApi('POST', `/queues/${encodeURIComponent(queueName)}/messages`, { messages });
    expect(response.ok, `post to ${queueName}: ${response.status}`).toBe(true);
    ids.push(...((await response.json()) as { ids: string[] }).ids);
  }
  return ids;
}

/** Adds a non-admin HUD user through the auth store the server uses (SQLite in WAL mode allows it). */
export async function createHudUser(email: string, password: string, grantProjectIds: string[] = []): Promise<void> {
  const store = openSqliteAuthStore(DATA_DIR);
  try {
    const user = await store.createUser(email, password);
    for (const projectId of grantProjectIds) await store.grantProjectAccess(user.id, projectId);
  } finally {
    await store.close();
  }
}

/**
 * Pauses the HUD's live updates. A click that lands before React has hydrated the page does
 * nothing, so it is repeated until the switch says paused (never clicking a paused switch).
 */
export async function pauseLiveUpdates(page: Page): Promise<void> {
  const paused = page.getByRole('button', { name: 'Live updates paused' });
  await expect(async () => {
    if (await paused.isVisible()) return;
    await page.getByRole('button', { name: 'Live updates on' }).click();
    await expect(paused).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
}

/** Fails on any serious or critical axe violation, listing them so the report says what to fix. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const blocking = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.map((node) => node.target.join(' ')).join(', ')})`);
  expect(blocking).toEqual([]);
}
