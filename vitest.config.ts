import { defineConfig } from 'vitest/config';

// Unit tests sit beside the module they test (lib/**, scripts/**); API, client and durability tests in tests/.
export default defineConfig({
  test: {
    include: ['lib/**/*.test.ts', 'tests/**/*.test.ts', 'scripts/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    poolOptions: { forks: { maxForks: 2, minForks: 1 } },
  },
});
