// Push delivery inspection with real subscriber servers: one answering 200, one answering 202 and
// acknowledging through its Iron-Subscriber-Message-Url, one answering 500 until its failure is in
// the error queue, and one the address policy refuses. The drawer's inspector follows each to its
// final state; the deliveries tab filters them; the error report is one click away; and a redrive
// from the error queue sends the failed message back and sees it delivered.
import { expect, test, type Page } from '@playwright/test';
import { PROJECT_ID } from '../support/env';
import { expectAccessible, uniqueName, wireApi } from '../support/hud';
import { startSubscriber, type LocalSubscriber } from '../support/subscribers';

const queueUrl = (queue: string, query: string) => `/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}?${query}`;
const failingState = { isFailing: true };
let ok: LocalSubscriber;
let accepting: LocalSubscriber;
let failing: LocalSubscriber;

test.beforeAll(async () => {
  ok = await startSubscriber('ok');
  accepting = await startSubscriber('accepting', { ackDelayMs: 'manual' });
  failing = await startSubscriber('failing', { state: failingState });
});

test.afterAll(async () => {
  await Promise.all([ok, accepting, failing].map((subscriber) => subscriber.close()));
});

const card = (page: Page, name: string) => page.getByTestId('delivery-card').filter({ has: page.getByText(name, { exact: true }) });

test('the inspector follows every delivery to its end; the log filters them; a redrive from the error queue delivers the failed message', async ({ page }) => {
  test.setTimeout(120_000);
  const queue = uniqueName('deliver');
  const errors = `${queue}-errors`;
  const subscribers = [
    { name: 'ok', url: ok.url },
    { name: 'acks', url: accepting.url },
    { name: 'failing', url: failing.url },
    // The HUD refuses this URL; the wire API stores it, and the pusher refuses to dial it.
    { name: 'metadata', url: 'http://169.254.169.254/latest/meta-data' },
  ];
  // retries_delay is also the window for the 202's acknowledgement, which the test sends itself.
  const push = { subscribers, retries: 2, retries_delay: 10, error_queue: errors };
  expect((await wireApi('PUT', `/queues/${queue}`, { queue: { type: 'multicast', push } })).ok).toBe(true);
  const posted = await wireApi('POST', `/queues/${queue}/messages`, { messages: [{ body: 'order 42' }] });
  const [id] = ((await posted.json()) as { ids: string[] }).ids;

  await page.goto(queueUrl(queue, `tab=messages&message=${id}`));
  const drawer = page.getByRole('dialog', { name: `Message ${id}` });
  await expect(drawer.getByTestId('delivery-card')).toHaveCount(4);
  await expect(card(page, 'acks')).toContainText('awaiting acknowledgement');
  await expect(card(page, 'acks')).toContainText('acknowledgement due by');
  await expect(card(page, 'failing')).toContainText('retrying');
  await expect(card(page, 'failing')).toContainText('Subscriber answered 500');
  await expect(card(page, 'metadata')).toContainText('not allowed by the push policy');
  await expectAccessible(page);
  await accepting.acknowledgePending();

  await expect(card(page, 'ok')).toContainText(/delivered.*Last status code\s*200/s);
  await expect(card(page, 'acks')).toContainText('delivered');
  expect(accepting.acknowledgements).toEqual([200]);
  await expect(card(page, 'failing')).toContainText(/failed.*Tries\s*2 \(0 left\)/s, { timeout: 20_000 });
  await expect(card(page, 'metadata')).toContainText('failed');
  await expect(drawer.getByRole('heading', { name: 'Deliveries (settled)' })).toBeVisible();
  await expect(drawer).toContainText('delivered');
  const reportLink = card(page, 'failing').getByRole('link', { name: new RegExp(`^${errors} · message \\d+$`) });
  const reportId = (await reportLink.textContent())!.replace(/^.* message /, '');

  await page.goto(queueUrl(queue, 'tab=deliveries'));
  await expect(page.getByTestId('delivery-row')).toHaveCount(4);
  await page.getByLabel('Status').selectOption('error');
  await page.getByRole('button', { name: 'Filter', exact: true }).click();
  await expect(page).toHaveURL(/status=error/);
  await expect(page.getByTestId('delivery-row')).toHaveCount(2);
  await expect(page.getByTestId('delivery-row').filter({ hasText: 'metadata' })).toContainText('not allowed by the push policy');
  await expectAccessible(page);
  await page.goto(queueUrl(queue, 'tab=deliveries&subscriber=ok'));
  await expect(page.getByTestId('delivery-row')).toHaveCount(1);
  await expect(page.getByTestId('delivery-row')).toContainText('delivered');

  // The report of the failed delivery, one click from its row.
  await page.goto(queueUrl(queue, 'tab=deliveries&subscriber=failing'));
  await page.getByTestId('delivery-row').getByRole('link', { name: 'error report' }).click();
  const report = page.getByRole('dialog', { name: `Message ${reportId}` });
  await expect(report.getByTestId('message-body')).toContainText(`"source_msg_id": "${id}"`);

  // The subscriber recovered: the failed message (not the report around it) goes back and is delivered.
  failingState.isFailing = false;
  await page.goto(queueUrl(errors, 'tab=redrive'));
  await expect(page.getByLabel('Target queue')).toHaveValue(queue);
  await expect(page.getByLabel(/Send back the failed message/)).toBeChecked();
  await page.getByLabel(/Selected messages/).check();
  await page.getByRole('checkbox', { name: new RegExp(reportId) }).check();
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Start redrive' }).click();
  await expect(page).toHaveURL(/job=[0-9a-f]{24}/);
  await expect(page.locator('[data-testid="redrive-job"][aria-current="true"]')).toContainText('done');
  await expect(page.getByTestId('redrive-progress').first()).toContainText('Moved 1 of 1');
  await expect.poll(() => failing.received.filter((p) => p.body === 'order 42' && p.status === 200).length).toBe(1);

  await page.goto(queueUrl(queue, 'tab=deliveries&subscriber=failing'));
  await expect(page.getByTestId('delivery-row')).toHaveCount(2);
  await expect(page.getByTestId('delivery-row').first()).toContainText('delivered');
  await expect(page.getByTestId('delivery-row').last()).toContainText('failed');
  for (const name of [queue, errors]) await wireApi('DELETE', `/queues/${name}`);
});
