// Older queue files open as this release expects. One written before the delivery log existed
// opens with its deliveries listed (the missing columns are added and each delivery learns its
// queue from its message); one with the index of due deliveries claims used to read gets the two
// they read now; one from before the queues counted their held messages counts them once; one
// from before chunks were marked escape-free gets the mark, unset.
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { STORE_FORMAT } from './schema';
import { SqliteQueueStore } from './sqlite-store';

/** The deliveries table as the first release created it. */
const FIRST_RELEASE_DELIVERIES = `
CREATE TABLE deliveries (
  message_id INTEGER NOT NULL, subscriber TEXT NOT NULL, position INTEGER NOT NULL, url TEXT NOT NULL,
  status TEXT NOT NULL, tries INTEGER NOT NULL DEFAULT 0, status_code INTEGER NOT NULL DEFAULT 0, error_msg TEXT,
  last_try_at INTEGER, next_try_at INTEGER, in_flight INTEGER NOT NULL DEFAULT 0, reservation_id TEXT,
  PRIMARY KEY (message_id, subscriber)
) WITHOUT ROWID;`;

const T0 = Date.UTC(2026, 0, 1);
const dirs: string[] = [];

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new queue file in a temp dir that the test removes. */
function newFile(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ferro-migrate-'));
  dirs.push(dir);
  return path.join(dir, 'queues.db');
}

/** Opens `file` with this release's store, posts one message to a push queue and closes it; returns the message's id. */
async function postPushMessage(file: string): Promise<string> {
  const store = new SqliteQueueStore({ path: file });
  const push = { subscribers: [{ name: 'a', url: 'http://a.example.com/', headers: {} }], retries: 3, retriesDelayMs: 60_000, errorQueue: '' };
  await store.saveQueue('p', 'q', () => ({ type: 'multicast', messageTimeoutMs: 60_000, messageExpirationMs: 86_400_000, push, alerts: [], deadLetter: null }), T0);
  const [id] = (await store.postMessages('p', 'q', [{ body: 'b', delayMs: 0, pushHeaders: null }], T0)).ids;
  await store.close();
  return id;
}

it('adds the delivery log columns to an older file and backfills each delivery’s queue', async () => {
  const file = newFile();
  const old = new Database(file);
  old.exec(FIRST_RELEASE_DELIVERIES);
  old.close();

  // The store creates every other table, and a push message with its delivery.
  const id = await postPushMessage(file);
  // Back to the first release's table, with the row the old code had written.
  const raw = new Database(file);
  raw.exec(`CREATE TABLE kept AS SELECT * FROM deliveries; DROP TABLE deliveries; ${FIRST_RELEASE_DELIVERIES}
    INSERT INTO deliveries SELECT message_id, subscriber, position, url, status, tries, status_code, error_msg,
      last_try_at, next_try_at, in_flight, reservation_id FROM kept; DROP TABLE kept;`);
  raw.close();

  const store = new SqliteQueueStore({ path: file });
  const page = await store.listDeliveries('p', 'q', { limit: 10 }, T0);
  expect(page.deliveries.map((d) => `${d.messageId}/${d.subscriberName}: ${d.status}`)).toEqual([`${id}/a: queued`]);
  await store.close();
});

it('replaces the index of due deliveries without their url with the two claims read, and claims from them', async () => {
  const file = newFile();
  const id = await postPushMessage(file);
  // The indexes as releases before 2026-12-02 evening left them.
  const raw = new Database(file);
  raw.exec(`DROP INDEX deliveries_due_by_url; DROP INDEX deliveries_due_order;
    CREATE INDEX deliveries_due ON deliveries (next_try_at) WHERE next_try_at IS NOT NULL;`);
  raw.close();

  const store = new SqliteQueueStore({ path: file });
  const { attempts } = await store.claimDeliveries({ limit: 10, leaseMs: 15_000, perUrlLimit: 10, roomByUrl: {} }, T0);
  expect(attempts.map((attempt) => attempt.messageId)).toEqual([id]);
  await store.close();
  const check = new Database(file, { readonly: true });
  const indexes = check.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'deliveries' AND name LIKE 'deliveries_due%' ORDER BY name").pluck().all();
  check.close();
  expect(indexes).toEqual(['deliveries_due_by_url', 'deliveries_due_order']);
});

it('counts the reserved and delayed messages of an older file once, and keeps counting from there', async () => {
  const file = newFile();
  const store = new SqliteQueueStore({ path: file });
  await store.postMessages('p', 'q', [1, 2, 3].map((i) => ({ body: `m${i}`, delayMs: 0, pushHeaders: null })), T0);
  await store.postMessages('p', 'q', [{ body: 'later', delayMs: 60_000, pushHeaders: null }], T0);
  const { messages } = await store.reserveMessages('p', 'q', { n: 2, timeoutMs: 30_000, isDelete: false }, T0);
  await store.close();
  // The queues table as releases before 2026-12-03 left it: no counters.
  const raw = new Database(file);
  raw.exec('ALTER TABLE queues DROP COLUMN reserved_rows; ALTER TABLE queues DROP COLUMN delayed_rows;');
  raw.close();

  const reopened = new SqliteQueueStore({ path: file });
  expect(await reopened.countMessages('p', 'q', T0)).toEqual({ ready: 1, delayed: 1, reserved: 2 });
  await reopened.deleteMessages('p', 'q', messages.map(({ id, reservationId }) => ({ id, reservationId })), T0);
  expect(await reopened.countMessages('p', 'q', T0)).toEqual({ ready: 1, delayed: 1, reserved: 0 });
  await reopened.close();
});

it('marks a file with its store format, and refuses one written by a newer release without changing it', async () => {
  const file = newFile();
  const store = new SqliteQueueStore({ path: file });
  await store.postMessages('p', 'q', ['a', 'b'].map((body) => ({ body, delayMs: 0, pushHeaders: null })), T0);
  await store.close();
  const formatOf = () => {
    const db = new Database(file, { readonly: true });
    const format = db.pragma('user_version', { simple: true });
    db.close();
    return format;
  };
  expect(formatOf()).toBe(STORE_FORMAT);

  // A release before 2026-12-03 left it at 0: this one reads such a file and marks it.
  const raw = new Database(file);
  raw.pragma('user_version = 0');
  raw.close();
  const reopened = new SqliteQueueStore({ path: file });
  expect((await reopened.peekMessages('p', 'q', 5, T0)).map((message) => message.body)).toEqual(['a', 'b']);
  await reopened.close();
  expect(formatOf()).toBe(STORE_FORMAT);

  const newer = new Database(file);
  newer.pragma(`user_version = ${STORE_FORMAT + 1}`);
  newer.exec('DROP TABLE held_spans');
  newer.close();
  expect(() => new SqliteQueueStore({ path: file })).toThrow(
    `${file} was written by a newer Ferro (store format ${STORE_FORMAT + 1}; this one reads up to ${STORE_FORMAT}): run that release, or restore a backup made by this one`,
  );
  const check = new Database(file, { readonly: true });
  const tables = check.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = 'held_spans'").pluck().all();
  check.close();
  expect([formatOf(), tables]).toEqual([STORE_FORMAT + 1, []]);
});

it('adds the escape-free mark to the chunks of an older file, where it says "not known", and reserves them as before', async () => {
  const file = newFile();
  const store = new SqliteQueueStore({ path: file });
  const post = (bodies: string[]) => bodies.map((body) => ({ body, delayMs: 0, pushHeaders: null, isBodyEscapeFree: true }));
  await store.postMessages('p', 'q', post(['a', 'b']), T0);
  await store.close();
  // chunk_bodies as the release of 2026-12-03 (morning) created it.
  const raw = new Database(file);
  raw.exec('ALTER TABLE chunk_bodies DROP COLUMN escape_free');
  raw.close();

  const reopened = new SqliteQueueStore({ path: file });
  await reopened.postMessages('p', 'q', post(['c', 'd']), T0);
  const { messages } = await reopened.reserveMessages('p', 'q', { n: 4, isDelete: false }, T0);
  expect(messages.map((m) => [m.body, m.escapeFreeBody && Buffer.from(m.escapeFreeBody).toString()])).toEqual([
    ['a', undefined],
    ['b', undefined],
    ['c', 'c'],
    ['d', 'd'],
  ]);
  await reopened.close();
});
