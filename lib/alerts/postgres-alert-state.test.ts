// Alert state in PostgreSQL: of many instances claiming one firing at once exactly one wins, the
// snooze holds until it ends and across a restart, and a change is judged from its own size before.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDatabase } from '../engine/postgres/database';
import { createTestDatabase, type TestDatabase } from '../engine/postgres/test-database.test-helpers';
import type { Queue } from '../engine/types';
import { openPostgresAlertState } from './postgres-alert-state';

let testDatabase: TestDatabase;
const T0 = Date.UTC(2026, 0, 1);

beforeAll(async () => {
  testDatabase = await createTestDatabase('alert_state');
});

afterAll(async () => {
  await testDatabase?.drop();
});

async function withState<T>(work: (state: Awaited<ReturnType<typeof openPostgresAlertState>>) => Promise<T>): Promise<T> {
  const database = new PostgresDatabase({ connectionString: testDatabase.url, maxConnections: 8 });
  try {
    return await work(await openPostgresAlertState(database));
  } finally {
    await database.close();
  }
}

describe('PostgreSQL alert state', () => {
  it('of eight instances claiming one snoozed firing at once, exactly one wins', async () => {
    const results = await Promise.all(Array.from({ length: 8 }, () => withState((state) => state.claimFiring('a'.repeat(24), T0, 60_000))));
    expect(results.filter(Boolean)).toHaveLength(1);
  });

  it('a snooze holds until it ends, across a restart; a firing dropped meanwhile does not extend it', async () => {
    const id = 'b'.repeat(24);
    expect(await withState((state) => state.claimFiring(id, T0, 10_000))).toBe(true);
    expect(await withState((state) => state.claimFiring(id, T0 + 9_999, 10_000))).toBe(false);
    expect(await withState((state) => state.claimFiring(id, T0 + 10_000, 10_000))).toBe(true);
    // Without a snooze of its own, an alert still waits out one that is running.
    expect(await withState((state) => state.claimFiring(id, T0 + 10_001, 0))).toBe(false);
    expect(await withState((state) => state.claimFiring(id, T0 + 20_000, 0))).toBe(true);
  });

  it('judges a change from its own size before, whatever another instance judged', async () => {
    const queue = { projectId: 'c'.repeat(24), name: 'q', id: 'd'.repeat(24), size: 12 } as Queue;
    expect(await withState((state) => state.sizeBefore(queue, 7))).toBe(7);
  });
});
