// The conformance suite every QueueStore must pass (SQLite now, PostgreSQL next): it calls the
// store directly with explicit instants, so it never sleeps and never reads a real clock.
import { randomBytes } from 'node:crypto';
import { afterEach, beforeEach, describe } from 'vitest';
import type { QueueStore } from './store';
import { describeBatchConformance } from './store-conformance-batches.test-helpers';
import { describeHeldConformance } from './store-conformance-held.test-helpers';
import { describeCountConformance } from './store-conformance-counts.test-helpers';
import { describeHousekeepingConformance } from './store-conformance-housekeeping.test-helpers';
import { describeInspectionConformance } from './store-conformance-inspection.test-helpers';
import { describeMessageConformance } from './store-conformance-messages.test-helpers';
import { describePushConformance } from './store-conformance-push.test-helpers';
import { describeQueueConformance } from './store-conformance-queues.test-helpers';
import { describeRedriveConformance } from './store-conformance-redrive.test-helpers';
import { describeReservationConformance } from './store-conformance-reservations.test-helpers';
import { describeVerbConformance } from './store-conformance-verbs.test-helpers';
import type { ConformanceContext } from './store-conformance.test-helpers';

export interface OpenedStore {
  store: QueueStore;
  /** Closes the store; must leave its data in place for the next openStore(). */
  cleanup: () => Promise<void>;
}

/** What the suite asks of each store it opens. */
export interface OpenStoreOptions {
  /**
   * Names the persistent data to open: the same name opens the same data again (a restart); a
   * name the suite has not used before must open an empty data set (a fresh file or schema).
   */
  dataSet: string;
  /**
   * The store's source of push retry jitter, returning [0, 1). A retry falls at least
   * retries_delay and less than 1.1 × retries_delay after a failure; random() = 0 means exactly
   * retries_delay, which the suite uses unless a test asks for another source.
   */
  random: () => number;
}

/** The data set every test opens unless it asks for an empty one of its own. */
const SHARED_DATA_SET = 'shared';
const NO_JITTER = () => 0;

/**
 * Defines the suite. `openStore` is called before each test (and again by the durability tests)
 * and must return a new store over the data set it names. Most tests share one data set and stay
 * apart by using their own project ids; push tests each take an empty one, because claims and
 * due instants span every project.
 */
export function describeStoreConformance(name: string, openStore: (options: OpenStoreOptions) => Promise<OpenedStore>): void {
  describe(`QueueStore conformance: ${name}`, () => {
    let opened: OpenedStore | undefined;
    let current: OpenStoreOptions = { dataSet: SHARED_DATA_SET, random: NO_JITTER };

    async function close(): Promise<void> {
      const previous = opened;
      opened = undefined;
      await previous?.cleanup();
    }

    const context: ConformanceContext = {
      store() {
        if (!opened) throw new Error('No store is open');
        return opened.store;
      },
      async reopen() {
        await close();
        opened = await openStore(current);
        return opened.store;
      },
      async openEmpty(options = {}) {
        await close();
        // Random names stay new even where data sets outlive a run (a PostgreSQL schema).
        current = { dataSet: `data_${randomBytes(6).toString('hex')}`, random: options.random ?? NO_JITTER };
        opened = await openStore(current);
        return opened.store;
      },
    };

    beforeEach(async () => {
      current = { dataSet: SHARED_DATA_SET, random: NO_JITTER };
      opened = await openStore(current);
    });

    afterEach(close);

    describeQueueConformance(context);
    describeMessageConformance(context);
    describeReservationConformance(context);
    describeHousekeepingConformance(context);
    describeCountConformance(context);
    describeBatchConformance(context);
    describeHeldConformance(context);
    describePushConformance(context);
    describeVerbConformance(context);
    describeInspectionConformance(context);
    describeRedriveConformance(context);
  });
}
