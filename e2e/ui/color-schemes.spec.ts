// Every main screen in the dark scheme and on a phone-sized viewport must pass axe too: contrast
// rules are checked against the palette actually shown.
import { expect, test } from '@playwright/test';
import { PROJECT_ID } from '../support/env';
import { expectAccessible, seedMessages, uniqueName, wireApi } from '../support/hud';

for (const colorScheme of ['dark', 'light'] as const) {
  test.describe(`${colorScheme} scheme on a narrow screen`, () => {
    test.use({ colorScheme, viewport: { width: 390, height: 844 } });

    test('projects, users, tokens, queues and a message pass axe', async ({ page }) => {
      const queue = uniqueName(`scheme-${colorScheme}`);
      const [id] = await seedMessages(queue, 2);
      const pages = [
        '/projects',
        '/users',
        `/projects/${PROJECT_ID}/tokens`,
        `/projects/${PROJECT_ID}/queues?prefix=${queue}`,
        `/projects/${PROJECT_ID}/queues/${queue}?tab=overview`,
        `/projects/${PROJECT_ID}/queues/${queue}?tab=settings`,
        `/projects/${PROJECT_ID}/queues/${queue}?tab=messages&message=${id}`,
      ];
      for (const path of pages) {
        await page.goto(path);
        await expect(page.getByRole('main')).not.toContainText('Loading');
        await page.waitForLoadState('networkidle');
        await expectAccessible(page);
      }
      await wireApi('DELETE', `/queues/${queue}`);
    });
  });
}
