// The conformance suite every AuthStore must pass (SQLite now, PostgreSQL next): each rule that
// auth-store.ts, rules.ts, tokens.ts and errors.ts promise, checked through the interface alone.
import { afterEach, beforeEach, describe } from 'vitest';
import type { AuthStore } from './auth-store';
import { describeGrantConformance } from './auth-store-conformance-grants.test-helpers';
import { describeProjectConformance } from './auth-store-conformance-projects.test-helpers';
import { describeSharingConformance } from './auth-store-conformance-sharing.test-helpers';
import { describeTokenConformance } from './auth-store-conformance-tokens.test-helpers';
import { describeUserConformance } from './auth-store-conformance-users.test-helpers';
import { T0, type AuthConformanceContext } from './auth-store-conformance.test-helpers';

export interface OpenedAuthStore {
  store: AuthStore;
  /** Closes the store; must leave its data in place for the next openStore(). */
  cleanup: () => Promise<void>;
}

export interface OpenAuthStoreOptions {
  /** The store's only source of the current instant (epoch ms): the suite moves it by hand. */
  nowMs: () => number;
}

/**
 * Defines the suite. `openStore` is called before each test, again by the restart tests, and
 * while a store is still open by the multi-instance tests; every call must return a new store
 * over the same persistent data. Tests stay apart by using fresh emails, ids and secrets, so the
 * data need not be emptied between tests (or between runs).
 */
export function describeAuthStoreConformance(
  name: string,
  openStore: (options: OpenAuthStoreOptions) => Promise<OpenedAuthStore>,
): void {
  describe(`AuthStore conformance: ${name}`, () => {
    let opened: OpenedAuthStore | undefined;
    let others: OpenedAuthStore[] = [];
    let nowMs = T0;
    const options: OpenAuthStoreOptions = { nowMs: () => nowMs };

    const context: AuthConformanceContext = {
      store() {
        if (!opened) throw new Error('No store is open');
        return opened.store;
      },
      async reopen() {
        const previous = opened;
        opened = undefined;
        await previous?.cleanup();
        opened = await openStore(options);
        return opened.store;
      },
      async openAnother() {
        const another = await openStore(options);
        others.push(another);
        return another.store;
      },
      nowMs: () => nowMs,
      advance(ms) {
        nowMs += ms;
      },
    };

    beforeEach(async () => {
      nowMs = T0;
      opened = await openStore(options);
    });

    afterEach(async () => {
      const toClose = [...others, ...(opened ? [opened] : [])];
      opened = undefined;
      others = [];
      for (const current of toClose) await current.cleanup();
    });

    describeUserConformance(context);
    describeProjectConformance(context);
    describeGrantConformance(context);
    describeTokenConformance(context);
    describeSharingConformance(context);
  });
}
