// The conformance suite every StatsStore must pass (SQLite now, PostgreSQL next): the merge, bucket
// and window rules stats-store.ts promises, stated precisely and checked through the interface.
import { afterEach, beforeEach, describe } from 'vitest';
import { describeLookupConformance } from './stats-store-conformance-lookups.test-helpers';
import { describeRecordConformance } from './stats-store-conformance-record.test-helpers';
import type { StatsConformanceContext } from './stats-store-conformance.test-helpers';
import type { StatsStore } from './stats-store';

export interface OpenedStatsStore {
  store: StatsStore;
  /** Closes the store; must leave its data in place for the next openStore(). */
  cleanup: () => Promise<void>;
}

/**
 * Defines the suite. `openStore` is called before each test (and again by the durability test)
 * and must return a new store over the same persistent data every time; tests stay apart by
 * using their own project ids, and the prune test by using instants no other test writes.
 */
export function describeStatsStoreConformance(name: string, openStore: () => Promise<OpenedStatsStore>): void {
  describe(`StatsStore conformance: ${name}`, () => {
    let opened: OpenedStatsStore | undefined;

    const context: StatsConformanceContext = {
      store() {
        if (!opened) throw new Error('No store is open');
        return opened.store;
      },
      async reopen() {
        const previous = opened;
        opened = undefined;
        await previous?.cleanup();
        opened = await openStore();
        return opened.store;
      },
    };

    beforeEach(async () => {
      opened = await openStore();
    });

    afterEach(async () => {
      const current = opened;
      opened = undefined;
      await current?.cleanup();
    });

    describeRecordConformance(context);
    describeLookupConformance(context);
  });
}
