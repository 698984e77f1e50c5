import { defineConfig } from 'vitest/config';

// Unit tests sit beside the module they test (lib/**, scripts/**); API, client and durability tests in tests/.
export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    // Tests start dist/server.js (and the fault probes the HUD): build them first when a source is newer.
    globalSetup: ['tests/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
