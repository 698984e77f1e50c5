// Every main view in its error state: the BFF call it depends on answers 500, the view says so in
// words with a Try again button, and once the BFF answers again Try again brings the view back.
// Also the queue not-found page's way on: a link to the queue list with the create dialog open.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { ADMIN_EMAIL, PROJECT_ID } from '../support/env';
import { expectAccessible, pauseLiveUpdates, seedMessages, uniqueName, wireApi } from '../support/hud';

const SIMULATED_FAILURE = { code: 'INTERNAL', msg: 'Simulated failure' };

interface View {
  name: string;
  /** The page to open. */
  url: (queue: string) => string;
  /** The BFF calls the view depends on. */
  api: (queue: string) => string;
  /** Something only the loaded view shows. */
  loaded: (page: Page, queue: string) => Locator;
}

const queuePage = (queue: string, tab: string) => `/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}?tab=${tab}`;
const queueApi = (queue: string) => `**/api/projects/${PROJECT_ID}/queues/${encodeURIComponent(queue)}`;

const VIEWS: View[] = [
  { name: 'projects list', url: () => '/projects', api: () => '**/api/projects', loaded: (page) => page.getByTestId('project-row').first() },
  {
    name: 'API tokens',
    url: () => `/projects/${PROJECT_ID}/tokens`,
    api: () => `**/api/projects/${PROJECT_ID}/tokens**`,
    loaded: (page) => page.getByTestId('token-row').first(),
  },
  {
    name: 'queue list',
    url: () => `/projects/${PROJECT_ID}/queues`,
    api: () => `**/api/projects/${PROJECT_ID}/queues**`,
    loaded: (page) => page.getByTestId('queue-row').first(),
  },
  {
    name: 'queue overview',
    url: (queue) => queuePage(queue, 'overview'),
    api: (queue) => `${queueApi(queue)}**`,
    loaded: (page) => page.getByRole('heading', { name: 'Settings' }),
  },
  {
    name: 'messages tab',
    url: (queue) => queuePage(queue, 'messages'),
    api: (queue) => `${queueApi(queue)}/messages**`,
    loaded: (page) => page.getByTestId('message-row').first(),
  },
  {
    name: 'settings tab',
    url: (queue) => queuePage(queue, 'settings'),
    api: (queue) => `${queueApi(queue)}**`,
    loaded: (page) => page.getByRole('button', { name: 'Save settings' }),
  },
  { name: 'users page', url: () => '/users', api: () => '**/api/users**', loaded: (page) => page.getByTestId('user-row').filter({ hasText: ADMIN_EMAIL }) },
];

for (const view of VIEWS) {
  test(`the ${view.name} shows a BFF failure and recovers on Try again`, async ({ page }) => {
    const queue = uniqueName('errors');
    await seedMessages(queue, 1);
    const api = view.api(queue);
    await page.route(api, (route) =>
      route.fulfill({ status: 500, contentType: 'application/json', body: JSON.stringify(SIMULATED_FAILURE) }),
    );

    await page.goto(view.url(queue));
    // Paused, nothing refetches on its own: only Try again can bring the view back.
    await pauseLiveUpdates(page);
    const alert = page.getByRole('alert').filter({ hasText: 'Simulated failure' });
    await expect(alert).toContainText('Could not load this: Simulated failure');
    await expect(view.loaded(page, queue)).toBeHidden();
    await expectAccessible(page);

    await page.unroute(api);
    await alert.getByRole('button', { name: 'Try again' }).click();
    await expect(view.loaded(page, queue)).toBeVisible();
    await expect(alert).toBeHidden();
    await wireApi('DELETE', `/queues/${encodeURIComponent(queue)}`);
  });
}

test('an unknown queue’s not-found page opens the create dialog on the queue list', async ({ page }) => {
  const response = await page.goto(queuePage(uniqueName('missing'), 'overview'));
  expect(response?.status()).toBe(404);
  await page.getByRole('link', { name: 'Create a queue' }).click();
  await expect(page).toHaveURL(`/projects/${PROJECT_ID}/queues?create=1`);
  const dialog = page.getByRole('dialog', { name: 'New queue' });
  await expect(dialog.getByLabel('Name')).toBeFocused();
  await expectAccessible(page);

  // Closing the dialog takes ?create=1 out of the URL, so a reload does not reopen it.
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(page).toHaveURL(`/projects/${PROJECT_ID}/queues`);
});
