// The server going away while a page is open: a banner says so with the time of the data on
// screen, and Retry brings the page back once the server answers again.
import { expect, test } from '@playwright/test';
import { expectAccessible, pauseLiveUpdates } from '../support/hud';

/** The longest gap react-query leaves between attempts of one failing call (retries after 1 s, then 2 s). */
const RETRY_CHAIN_GAP_MS = 3_500;

test('a network outage shows a banner with the last update, and Retry clears it', async ({ page }) => {
  await page.goto('/projects');
  await expect(page.getByTestId('project-row').first()).toBeVisible();

  let lastAbortMs = Date.now();
  await page.route('**/api/**', (route) => {
    lastAbortMs = Date.now();
    return route.abort();
  });
  const banner = page.getByRole('alert').filter({ hasText: 'Can’t reach the Ferro server' });
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(banner).toContainText(/last updated \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}/);
  await expectAccessible(page);

  // With polling paused and the last retry chain over, only Retry can clear the banner.
  await pauseLiveUpdates(page);
  await expect.poll(() => Date.now() - lastAbortMs, { timeout: 15_000 }).toBeGreaterThan(RETRY_CHAIN_GAP_MS);
  await expect(banner).toBeVisible();

  await page.unroute('**/api/**');
  await banner.getByRole('button', { name: 'Retry' }).click();
  await expect(banner).toBeHidden();
  await expect(page.getByTestId('project-row').first()).toBeVisible();
});
