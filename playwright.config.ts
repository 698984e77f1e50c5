// End-to-end tests of the HUD and its BFF against a real Ferro process (dist/server.js) on a
// fresh data directory, driven by Debian's Chromium. Projects: `setup` signs the admin in once;
// `api` checks the BFF's authorisation rules over HTTP; `ui` has one spec per page.
import { defineConfig } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, ADMIN_STATE, BASE_URL, DATA_DIR, E2E_PORT, PROJECT_ID, TOKEN } from './e2e/support/env';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  // Two cores are shared with the server and the browser; one worker keeps timings honest.
  workers: 1,
  fullyParallel: false,
  forbidOnly: !!process.env.CI,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  globalTeardown: './e2e/support/global-teardown.ts',
  use: {
    baseURL: BASE_URL,
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: [
    { name: 'setup', testMatch: /auth\.setup\.ts$/ },
    { name: 'api', testMatch: /api\/.*\.spec\.ts$/, dependencies: ['setup'], use: { storageState: ADMIN_STATE } },
    { name: 'ui', testMatch: /ui\/.*\.spec\.ts$/, dependencies: ['setup'], use: { storageState: ADMIN_STATE } },
  ],
  webServer: {
    command: 'node scripts/build.mjs && node dist/server.js',
    url: `${BASE_URL}/login`,
    reuseExistingServer: false,
    timeout: 240_000,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      HOST: '127.0.0.1',
      PORT: String(E2E_PORT),
      FERRO_DATA_DIR: DATA_DIR,
      FERRO_ADMIN_EMAIL: ADMIN_EMAIL,
      FERRO_ADMIN_PASSWORD: ADMIN_PASSWORD,
      FERRO_PROJECT_ID: PROJECT_ID,
      FERRO_TOKEN: TOKEN,
      FERRO_SYNC: 'normal',
      // The secret and the public URL come from the data directory and the bind address.
      NEXTAUTH_SECRET: '',
      NEXTAUTH_URL: '',
    },
  },
});
