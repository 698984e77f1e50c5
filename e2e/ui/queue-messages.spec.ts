// The messages tab: post with JSON checks and copies, browse every state past 100 by cursor,
// the drawer opened by URL, delete, clear, consuming actions, and bodies always shown as text.
import { expect, test } from '@playwright/test';
import { PROJECT_ID } from '../support/env';
import { expectAccessible, seedMessages, uniqueName, wireApi } from '../support/hud';

const messagesUrl = (queue: string, query = '') => `/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}?tab=messages${query}`;

test('posts a JSON body three times after checking it', async ({ page }) => {
  const queue = uniqueName('post');
  await wireApi('PUT', `/queues/${queue}`, {});
  await page.goto(messagesUrl(queue));
  await expect(page.getByRole('heading', { name: 'This queue is empty' })).toBeVisible();

  await page.getByRole('button', { name: 'Post messages' }).click();
  const dialog = page.getByRole('dialog', { name: 'Post messages' });
  await dialog.getByLabel('Body is JSON').check();
  await dialog.getByLabel('Body', { exact: true }).fill('{"order": 42,');
  await expect(dialog.getByText(/Invalid JSON/)).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Post', exact: true })).toBeDisabled();
  await dialog.getByLabel('Body', { exact: true }).fill('{"order": 42}');
  await expect(dialog.getByText('Valid JSON')).toBeVisible();
  await dialog.getByRole('button', { name: 'Pretty-print' }).click();
  await expect(dialog.getByLabel('Body', { exact: true })).toHaveValue('{\n  "order": 42\n}');
  await dialog.getByLabel('Copies').fill('3');
  await expectAccessible(page);
  await dialog.getByRole('button', { name: 'Post', exact: true }).click();

  await expect(page.getByRole('status').getByText('3 messages posted')).toBeVisible();
  await expect(page.getByTestId('message-row')).toHaveCount(3);
  await wireApi('DELETE', `/queues/${queue}`);
});

test('browses every state without consuming, 100 per page by cursor', async ({ page }) => {
  const queue = uniqueName('browse');
  const ids = await seedMessages(queue, 130);
  const reserve = await wireApi('POST', `/queues/${queue}/reservations`, { n: 1, timeout: 600 });
  expect(((await reserve.json()) as { messages: unknown[] }).messages).toHaveLength(1);
  await wireApi('POST', `/queues/${queue}/messages`, { messages: [{ body: 'later', delay: 600 }] });

  await page.goto(messagesUrl(queue));
  const rows = page.getByTestId('message-row');
  await expect(rows).toHaveCount(100);
  await expect(rows.first()).toContainText(ids[0]);
  await expect(rows.first()).toContainText('reserved');
  await expectAccessible(page);

  await page.getByRole('link', { name: 'Next page' }).click();
  await expect(page).toHaveURL(messagesUrl(queue, `&after=${ids[99]}`));
  await expect(rows).toHaveCount(31);
  await expect(rows.last()).toContainText('delayed');
  await expect(rows.last()).toContainText('later');

  const peek = await wireApi('GET', `/queues/${queue}`);
  expect(((await peek.json()) as { queue: { size: number } }).queue.size).toBe(131);
  await wireApi('DELETE', `/queues/${queue}`);
});

test('opens a message by URL, shows JSON pretty and raw, and deletes it', async ({ page }) => {
  const queue = uniqueName('drawer');
  const [id] = await seedMessages(queue, 2);
  const posted = await wireApi('POST', `/queues/${queue}/messages`, { messages: [{ body: '{"a":[1,2]}' }] });
  const [jsonId] = ((await posted.json()) as { ids: string[] }).ids;

  await page.goto(messagesUrl(queue, `&message=${jsonId}`));
  let drawer = page.getByRole('dialog', { name: `Message ${jsonId}` });
  await expect(drawer.getByTestId('message-body')).toHaveText('{\n  "a": [\n    1,\n    2\n  ]\n}');
  await drawer.getByRole('button', { name: 'Raw' }).click();
  await expect(drawer.getByTestId('message-body')).toHaveText('{"a":[1,2]}');
  await expectAccessible(page);
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(messagesUrl(queue));

  await page.getByRole('link', { name: id }).click();
  await expect(page).toHaveURL(messagesUrl(queue, `&message=${id}`));
  drawer = page.getByRole('dialog', { name: `Message ${id}` });
  await expect(drawer).toContainText('ready');
  await drawer.getByRole('button', { name: 'Delete message' }).click();
  await page.getByRole('dialog', { name: 'Delete message' }).getByRole('button', { name: 'Delete message' }).click();
  await expect(page.getByRole('dialog', { name: `Message ${id}` })).toHaveCount(0);
  await expect(page.getByTestId('message-row')).toHaveCount(2);
  expect((await wireApi('GET', `/queues/${queue}/messages/${id}`)).status).toBe(404);
  await wireApi('DELETE', `/queues/${queue}`);
});

test('a body full of markup is shown as text and never runs', async ({ page }) => {
  const queue = uniqueName('xss');
  const body = '<img src=x onerror=alert(1)><script>alert(2)</script>';
  const posted = await wireApi('POST', `/queues/${queue}/messages`, { messages: [{ body }] });
  const [xssId] = ((await posted.json()) as { ids: string[] }).ids;
  let isAlerted = false;
  page.on('dialog', (dialog) => {
    isAlerted = true;
    void dialog.dismiss();
  });

  await page.goto(messagesUrl(queue, `&message=${xssId}`));
  await expect(page.getByRole('dialog', { name: `Message ${xssId}` }).getByTestId('message-body')).toHaveText(body);
  await expect(page.getByTestId('message-row')).toContainText('<img src=x onerror=alert(1)>');
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(isAlerted).toBe(false);
  await wireApi('DELETE', `/queues/${queue}`);
});

test('reserve, touch and release are labelled as consuming and change the state', async ({ page }) => {
  const queue = uniqueName('consume');
  const [id] = await seedMessages(queue, 1);
  await page.goto(messagesUrl(queue));

  await page.getByRole('button', { name: 'Reserve next message (consumes)' }).click();
  await expect(page).toHaveURL(messagesUrl(queue, `&message=${id}`));
  const drawer = page.getByRole('dialog', { name: `Message ${id}` });
  await expect(drawer.getByRole('heading', { name: 'Consuming actions' })).toBeVisible();
  await expect(drawer).toContainText('reserved');
  await drawer.getByRole('button', { name: 'Touch: extend reservation (consumes)' }).click();
  await expect(page.getByRole('status').getByText(`Reservation of message ${id} extended`)).toBeVisible();
  await drawer.getByRole('button', { name: 'Release to queue (consumes)' }).click();
  await expect(drawer).toContainText('Not reserved');
  await expect(drawer.locator('dl > div').filter({ hasText: 'Reserved count' })).toContainText('2');
  await expect(drawer).toContainText('ready');
  await wireApi('DELETE', `/queues/${queue}`);
});

test('clears the queue from the messages tab', async ({ page }) => {
  const queue = uniqueName('clear');
  await seedMessages(queue, 5);
  await page.goto(messagesUrl(queue));
  await expect(page.getByTestId('message-row')).toHaveCount(5);
  await page.getByRole('button', { name: 'Clear queue' }).click();
  await page.getByRole('dialog', { name: 'Clear queue' }).getByRole('button', { name: 'Clear queue' }).click();
  await expect(page.getByRole('heading', { name: 'This queue is empty' })).toBeVisible();
  await wireApi('DELETE', `/queues/${queue}`);
});

test('a push queue offers no reserve and shows its messages as being delivered, with each delivery in the drawer', async ({ page }) => {
  const queue = uniqueName('pushed');
  const subscribers = [{ name: 'nowhere', url: 'http://127.0.0.1:9/hook' }];
  expect((await wireApi('PUT', `/queues/${queue}`, { queue: { type: 'multicast', push: { subscribers } } })).ok).toBe(true);
  const [id] = await seedMessages(queue, 1);
  await page.goto(messagesUrl(queue));
  await expect(page.getByTestId('message-row')).toHaveCount(1);
  await expect(page.getByRole('button', { name: /Reserve next message/ })).toHaveCount(0);
  await expect(page.getByTestId('message-row').getByRole('cell').nth(1)).toHaveText('delivering');

  await page.getByRole('link', { name: id }).click();
  const drawer = page.getByRole('dialog', { name: `Message ${id}` });
  await expect(drawer.getByTestId('delivery-card')).toContainText('nowhere');
  await expect(drawer.getByTestId('delivery-card')).toContainText(/retrying|sending|queued/);
  await expect(drawer.getByText('ready')).toHaveCount(0);
  await expect(drawer.getByText('Available now')).toHaveCount(0);
  await expect(drawer.getByRole('heading', { name: 'Consuming actions' })).toHaveCount(0);
  await expectAccessible(page);
  await wireApi('DELETE', `/queues/${queue}`);
});
