// The conformance suite every QueueStore must pass (SQLite now, PostgreSQL next): it calls the
// store directly with explicit instants, so it never sleeps and never reads a real clock.
import { afterEach, beforeEach, describe } from 'vitest';
import type { QueueStore } from './store';
import { describeHousekeepingConformance } from './store-conformance-housekeeping.test-helpers';
import { describeMessageConformance } from './store-conformance-messages.test-helpers';
import { describeQueueConformance } from './store-conformance-queues.test-helpers';
import { describeReservationConformance } from './store-conformance-reservations.test-helpers';
import type { ConformanceContext } from './store-conformance.test-helpers';

export interface OpenedStore {
  store: QueueStore;
  /** Closes the store; must leave its data in place for the next openStore(). */
  cleanup: () => Promise<void>;
}

/**
 * Defines the suite. `openStore` is called before each test (and again by the durability test)
 * and must return a new store over the same persistent data every time; tests stay apart by
 * using their own project ids.
 */
export function describeStoreConformance(name: string, openStore: () => Promise<OpenedStore>): void {
  describe(`QueueStore conformance: ${name}`, () => {
    let opened: OpenedStore | undefined;

    const context: ConformanceContext = {
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

    describeQueueConformance(context);
    describeMessageConformance(context);
    describeReservationConformance(context);
    describeHousekeepingConformance(context);
  });
}
