// The operator views in their error state — the BFF call they depend on answers 500; the view
// says so with a Try again button that brings it back — and reached by keyboard alone.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { PROJECT_ID } from '../support/env';
import { expectAccessible, pauseLiveUpdates, seedMessages, uniqueName, wireApi } from '../support/hud';

const SIMULATED_FAILURE = { code: 'INTERNAL', msg: 'Simulated failure' };
const queuePage = (queue: string, query: string) => `/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}?${query}`;
const queueApi = (queue: string) => `**/api/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}`;

/** A push queue with one message, or a pull queue that is another's dead-letter queue and has an alert. */
async function makeQueue(kind: 'push' | 'pull'): Promise<{ queue: string; messageId: string; cleanup: string[] }> {
  const queue = uniqueName(`states-${kind}`);
  if (kind === 'push') {
    const push = { subscribers: [{ name: 'nowhere', url: 'http://127.0.0.1:9/hook' }], retries: 1 };
    await wireApi('PUT', `/queues/${queue}`, { queue: { type: 'multicast', push } });
  } else {
    await wireApi('PUT', `/queues/${queue}-source`, { queue: { dead_letter: { queue_name: queue } } });
    await wireApi('PUT', `/queues/${queue}`, { queue: { alerts: [{ type: 'fixed', trigger: 5, queue: `${queue}-ops` }] } });
  }
  const [messageId] = await seedMessages(queue, 1);
  return { queue, messageId, cleanup: [queue, `${queue}-source`] };
}

interface View {
  name: string;
  kind: 'push' | 'pull';
  url: (queue: string, messageId: string) => string;
  api: (queue: string) => string;
  loaded: (page: Page) => Locator;
  /** In a modal drawer the header's pause switch is out of reach; the inspector stops polling on a failure by itself. */
  isModal?: boolean;
}

const VIEWS: View[] = [
  { name: 'subscribers tab', kind: 'push', url: (q) => queuePage(q, 'tab=subscribers'), api: (q) => queueApi(q), loaded: (page) => page.getByTestId('subscriber-row') },
  { name: 'deliveries tab', kind: 'push', url: (q) => queuePage(q, 'tab=deliveries'), api: (q) => `${queueApi(q)}/deliveries**`, loaded: (page) => page.getByTestId('delivery-row') },
  {
    name: 'message inspector',
    kind: 'push',
    url: (q, id) => queuePage(q, `tab=messages&message=${id}`),
    api: (q) => `${queueApi(q)}/deliveries**`,
    loaded: (page) => page.getByTestId('delivery-card'),
    isModal: true,
  },
  { name: 'alerts tab', kind: 'pull', url: (q) => queuePage(q, 'tab=alerts'), api: (q) => queueApi(q), loaded: (page) => page.getByTestId('alert-row') },
  {
    name: 'recent alert messages',
    kind: 'pull',
    url: (q) => queuePage(q, 'tab=alerts'),
    api: (q) => `${queueApi(q)}/alert-messages**`,
    loaded: (page) => page.getByText('None in the target queues'),
  },
  { name: 'redrive jobs', kind: 'pull', url: (q) => queuePage(q, 'tab=redrive'), api: (q) => `${queueApi(q)}/redrives**`, loaded: (page) => page.getByText('None yet.') },
];

for (const view of VIEWS) {
  test(`the ${view.name} shows a BFF failure and recovers on Try again`, async ({ page }) => {
    const { queue, messageId, cleanup } = await makeQueue(view.kind);
    const api = view.api(queue);
    await page.route(api, (route) => route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify(SIMULATED_FAILURE) }));
    await page.goto(view.url(queue, messageId));
    if (!view.isModal) await pauseLiveUpdates(page);
    const alert = page.getByRole('alert').filter({ hasText: 'Simulated failure' }).first();
    // The error shows once the HUD's two retries (1 s and 2 s apart) have failed too.
    await expect(alert).toContainText('Could not load this: Simulated failure', { timeout: 20_000 });
    await expect(view.loaded(page).first()).toBeHidden();
    await expectAccessible(page);

    await page.unroute(api);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(view.loaded(page).first()).toBeVisible();
    for (const name of cleanup) await wireApi('DELETE', `/queues/${encodeURIComponent(name)}`);
  });
}

test('a subscriber is added and an alert edited with the keyboard alone', async ({ page }) => {
  const { queue, cleanup } = await makeQueue('push');
  await page.goto(queuePage(queue, 'tab=subscribers'));
  await page.getByRole('button', { name: 'Add subscriber' }).focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByRole('dialog', { name: 'Add subscriber' });
  await expect(dialog.getByLabel('Subscriber name')).toBeFocused();
  await page.keyboard.type('keyed');
  await page.keyboard.press('Tab');
  await expect(dialog.getByLabel('Subscriber URL')).toBeFocused();
  await page.keyboard.type('http://127.0.0.1:9/keyed');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('subscriber-row')).toHaveCount(2);
  await page.getByRole('button', { name: 'Remove keyed' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('dialog', { name: 'Remove subscriber' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Remove subscriber' })).toBeHidden();

  const pulled = await makeQueue('pull');
  await page.goto(queuePage(pulled.queue, 'tab=alerts'));
  await page.getByRole('button', { name: /^Edit alert fixed rising at 5$/ }).focus();
  await page.keyboard.press('Enter');
  const edit = page.getByRole('dialog', { name: 'Edit alert' });
  await expect(edit.getByLabel('Type')).toBeFocused();
  for (let i = 0; i < 2; i++) await page.keyboard.press('Tab');
  await expect(edit.getByLabel('Trigger (messages)')).toBeFocused();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('9');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('alert-row')).toContainText(/rising\s*9/);
  for (const name of [...cleanup, ...pulled.cleanup]) await wireApi('DELETE', `/queues/${encodeURIComponent(name)}`);
});
