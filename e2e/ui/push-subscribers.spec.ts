// Push settings in the HUD with real subscriber servers: a push queue created with two named
// subscribers, headers and delivery settings; the server's rules shown in the forms; a subscriber
// edited and one removed (never the last); and a test push whose answer is read back in the HUD
// without the queue changing.
import { expect, test, type Page } from '@playwright/test';
import { PROJECT_ID } from '../support/env';
import { expectAccessible, uniqueName, wireApi } from '../support/hud';
import { startSubscriber, type LocalSubscriber } from '../support/subscribers';

const subscribersUrl = (queue: string) => `/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}?tab=subscribers`;

interface WireQueue {
  size: number;
  total_messages: number;
  push: { subscribers: Array<{ name: string; url: string; headers: Record<string, string> }>; retries: number; retries_delay: number; error_queue?: string };
}

async function wireQueue(queue: string): Promise<WireQueue> {
  return ((await (await wireApi('GET', `/queues/${encodeURIComponent(queue)}`)).json()) as { queue: WireQueue }).queue;
}

let ok: LocalSubscriber;
let accepting: LocalSubscriber;

test.beforeAll(async () => {
  ok = await startSubscriber('ok');
  accepting = await startSubscriber('accepting');
});

test.afterAll(async () => {
  await ok.close();
  await accepting.close();
});

/** Fills the subscriber dialog and saves it; the dialog stays open when the server refuses. */
async function saveSubscriber(page: Page, fields: { name?: string; url?: string; header?: [string, string] }) {
  const dialog = page.getByRole('dialog', { name: /subscriber/ });
  if (fields.name !== undefined) await dialog.getByLabel('Subscriber name').fill(fields.name);
  if (fields.url !== undefined) await dialog.getByLabel('Subscriber URL').fill(fields.url);
  if (fields.header) {
    await dialog.getByRole('button', { name: 'Add header' }).click();
    await dialog.getByLabel('Header name').last().fill(fields.header[0]);
    await dialog.getByLabel('Header value').last().fill(fields.header[1]);
  }
  await dialog.getByRole('button', { name: /^(Add|Save) subscriber$/ }).click();
  return dialog;
}

test('creates a push queue with two named subscribers, headers and delivery settings', async ({ page }) => {
  const queue = uniqueName('push-create');
  await page.goto(`/projects/${PROJECT_ID}/queues`);
  await page.getByRole('button', { name: 'New queue' }).click();
  const dialog = page.getByRole('dialog', { name: 'New queue' });
  await dialog.getByLabel('Name', { exact: true }).fill(queue);
  await dialog.getByRole('radio', { name: /Multicast/ }).check();
  const first = dialog.getByRole('group', { name: 'Subscriber 1' });
  await first.getByLabel('Subscriber name').fill('billing');
  await first.getByLabel('Subscriber URL').fill(ok.url);
  await first.getByRole('button', { name: 'Add header' }).click();
  await first.getByLabel('Header name').fill('X-Team');
  await first.getByLabel('Header value').fill('payments');
  await dialog.getByRole('button', { name: 'Add another subscriber' }).click();
  const second = dialog.getByRole('group', { name: 'Subscriber 2' });
  await second.getByLabel('Subscriber name').fill('billing');
  await second.getByLabel('Subscriber URL').fill(accepting.url);
  await dialog.getByLabel('Retries', { exact: true }).fill('2');
  await dialog.getByLabel('Retries delay (seconds)').fill('5');
  await dialog.getByLabel('Error queue').fill(`${queue}-errors`);
  await expectAccessible(page);

  // The server's rule, in the dialog: two subscribers may not share a name.
  await dialog.getByRole('button', { name: 'Create queue' }).click();
  await expect(dialog.getByRole('alert')).toContainText('Subscriber names must be unique in a queue: "billing" appears twice');
  await second.getByLabel('Subscriber name').fill('audit');
  await dialog.getByRole('button', { name: 'Create queue' }).click();
  await expect(page.getByRole('status').getByText(`Queue “${queue}” created`)).toBeVisible();

  const created = await wireQueue(queue);
  expect(created.push).toEqual({
    subscribers: [
      { name: 'billing', url: ok.url, headers: { 'X-Team': 'payments' } },
      { name: 'audit', url: accepting.url, headers: {} },
    ],
    retries: 2,
    retries_delay: 5,
    error_queue: `${queue}-errors`,
  });

  await page.goto(subscribersUrl(queue));
  await expect(page.getByTestId('subscriber-row')).toHaveCount(2);
  await expect(page.getByTestId('subscriber-row').first()).toContainText('X-Team: payments');
  await expect(page.getByTestId('error-queue-status')).toContainText('configured, still empty');
  await expect(page.getByRole('link', { name: `${queue}-errors` })).toBeVisible();
  await expect(page.getByLabel('Retries', { exact: true })).toHaveValue('2');
  await expectAccessible(page);
  await wireApi('DELETE', `/queues/${queue}`);
});

test('shows the server’s rules in the subscriber form, edits one and removes one, never the last', async ({ page }) => {
  const queue = uniqueName('push-edit');
  const subscribers = [{ name: 'billing', url: ok.url }, { name: 'audit', url: accepting.url }];
  expect((await wireApi('PUT', `/queues/${queue}`, { queue: { type: 'multicast', push: { subscribers } } })).ok).toBe(true);
  await page.goto(subscribersUrl(queue));

  await page.getByRole('button', { name: 'Add subscriber' }).click();
  let dialog = await saveSubscriber(page, { name: 'billing', url: ok.url });
  await expect(dialog.getByRole('alert')).toContainText('This queue already has a subscriber named "billing"');
  dialog = await saveSubscriber(page, { name: 'metadata', url: 'http://169.254.169.254/latest/meta-data' });
  await expect(dialog.getByRole('alert')).toContainText("is not allowed by this server's push policy");
  dialog = await saveSubscriber(page, { url: 'ftp://example.com/hook' });
  await expect(dialog.getByRole('alert')).toContainText('Subscriber url must use http, https, ironmq or ironworker');
  dialog = await saveSubscriber(page, { url: `ironmq:///${queue}` });
  await expect(dialog.getByRole('alert')).toContainText(`ironmq:/// subscribers would form a loop back to queue ${queue}`);
  dialog = await saveSubscriber(page, { url: ok.url, header: ['Host', 'evil.example.com'] });
  await expect(dialog.getByRole('alert')).toContainText('Subscriber header Host cannot be set: the pusher sets it');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Edit audit' }).click();
  dialog = page.getByRole('dialog', { name: 'Edit subscriber' });
  await expect(dialog.getByLabel('Subscriber name')).toHaveValue('audit');
  await expect(dialog.getByLabel('Subscriber name')).not.toBeEditable();
  await saveSubscriber(page, { url: `${accepting.url}?v=2`, header: ['Authorization', 'Bearer s3cret'] });
  await expect(page.getByRole('status').getByText('Subscriber “audit” saved')).toBeVisible();
  await expect.poll(async () => (await wireQueue(queue)).push.subscribers[1]).toEqual({ name: 'audit', url: `${accepting.url}?v=2`, headers: { Authorization: 'Bearer s3cret' } });

  await page.getByRole('button', { name: 'Remove audit' }).click();
  await page.getByRole('dialog', { name: 'Remove subscriber' }).getByRole('button', { name: 'Remove subscriber' }).click();
  await expect(page.getByTestId('subscriber-row')).toHaveCount(1);
  await page.getByRole('button', { name: 'Remove billing' }).click();
  const confirm = page.getByRole('dialog', { name: 'Remove subscriber' });
  await confirm.getByRole('button', { name: 'Remove subscriber' }).click();
  await expect(confirm.getByRole('alert')).toContainText('Push queues must have at least one subscriber');
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  expect((await wireQueue(queue)).push.subscribers.map((s) => s.name)).toEqual(['billing']);

  // Retries and retries_delay keep the API's limits; the server's sentence shows by the form.
  await page.getByLabel('Retries delay (seconds)').fill('1');
  await page.getByLabel('Retries delay (seconds)').evaluate((input: HTMLInputElement) => input.removeAttribute('min'));
  await page.getByRole('button', { name: 'Save delivery settings' }).click();
  await expect(page.getByRole('form', { name: 'Delivery' }).getByRole('alert')).toContainText('retries_delay must be an integer between 3 and 86400 seconds');
  await wireApi('DELETE', `/queues/${queue}`);
});

test('a test push reaches the subscriber and shows its answer, without touching the queue', async ({ page }) => {
  const queue = uniqueName('push-test');
  const subscribers = [{ name: 'billing', url: ok.url, headers: { 'X-Team': 'payments' } }];
  expect((await wireApi('PUT', `/queues/${queue}`, { queue: { type: 'unicast', push: { subscribers } } })).ok).toBe(true);
  const before = ok.received.length;
  await page.goto(subscribersUrl(queue));
  await page.getByRole('button', { name: 'Test push to billing' }).click();
  const dialog = page.getByRole('dialog', { name: 'Test push to billing' });
  await dialog.getByLabel('Body').fill('<b>ping</b>');
  await dialog.getByRole('button', { name: 'Send test push' }).click();

  const answer = dialog.getByTestId('test-push-answer');
  await expect(answer.getByTestId('test-push-status')).toHaveText('200');
  await expect(answer).toContainText('Delivered');
  await expect(answer.getByRole('table', { name: 'Response headers' })).toContainText('X-Subscriber');
  await expect(answer.getByTestId('test-push-body')).toHaveText('ok answered 200');
  await expect(answer).toContainText(/Time taken\s*\d+ ms/);
  await expectAccessible(page);

  expect(ok.received.length).toBe(before + 1);
  const push = ok.received.at(-1)!;
  expect(push.body).toBe('<b>ping</b>');
  expect(push.headers).toMatchObject({ 'x-team': 'payments', 'iron-message-id': '0', 'iron-subscriber-name': 'billing' });
  expect(await wireQueue(queue)).toMatchObject({ size: 0, total_messages: 0 });
  await wireApi('DELETE', `/queues/${queue}`);
});
