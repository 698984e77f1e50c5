// WalSync on a real WAL file: callers hear back only after an fsync that began after their commit,
// one fsync answers every commit made before it began, and a failed fsync answers no one.
import Database from 'better-sqlite3';
import { fsync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from './group-commit';
import { WalSync } from './wal-sync';

let dataDir: string;
let db: Database.Database;
/** fsyncs started but held back: the test decides when each finishes, and how. */
let heldSyncs: Array<(error: NodeJS.ErrnoException | null) => void>;
let fatalErrors: Error[];

/** Starts a real fsync only when the test releases it, so ordering is the test's to choose. */
function heldFsync(fd: number, done: (error: NodeJS.ErrnoException | null) => void): void {
  heldSyncs.push((error) => (error ? done(error) : fsync(fd, done)));
}

function finishNextSync(error: NodeJS.ErrnoException | null = null): Promise<void> {
  const finish = heldSyncs.shift();
  if (!finish) throw new Error('no fsync is running');
  finish(error);
  // Let the real fsync's callback run.
  return new Promise((resolve) => setTimeout(resolve, 20));
}

const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-wal-sync-'));
  db = new Database(path.join(dataDir, 'test.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL)');
  heldSyncs = [];
  fatalErrors = [];
});

afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

function setUp() {
  const walSync = new WalSync(path.join(dataDir, 'test.db-wal'), (error) => fatalErrors.push(error), heldFsync);
  const commits = new GroupCommit(db, undefined, walSync);
  const insert = (value: string) => commits.run(() => db.prepare('INSERT INTO items (value) VALUES (?)').run(value).changes);
  return { walSync, insert };
}

describe('WalSync', () => {
  it('answers a commit only once the fsync after it has finished', async () => {
    const { insert } = setUp();
    let isAnswered = false;
    const write = insert('a').then(() => (isAnswered = true));
    await nextTick();
    // Committed (readers see it) but not yet durable: no answer.
    expect(db.prepare('SELECT count(*) FROM items').pluck().get()).toBe(1);
    expect(isAnswered).toBe(false);
    await finishNextSync();
    await write;
    expect(isAnswered).toBe(true);
  });

  it('makes commits that land during a running fsync wait for the next one', async () => {
    const { insert } = setUp();
    const answered: string[] = [];
    const first = insert('first').then(() => answered.push('first'));
    await nextTick();
    expect(heldSyncs).toHaveLength(1);
    // Two more commits while the first fsync runs: it began before them, so it cannot vouch for them.
    const second = insert('second').then(() => answered.push('second'));
    await nextTick();
    const third = insert('third').then(() => answered.push('third'));
    await nextTick();
    expect(heldSyncs).toHaveLength(1);

    await finishNextSync();
    await first;
    expect(answered).toEqual(['first']);
    // One fsync answers both commits that waited for it.
    expect(heldSyncs).toHaveLength(1);
    await finishNextSync();
    await Promise.all([second, third]);
    expect(answered).toEqual(['first', 'second', 'third']);
    expect(heldSyncs).toHaveLength(0);
  });

  it('answers no one and reports a fatal error when the fsync fails', async () => {
    const { insert } = setUp();
    let isAnswered = false;
    void insert('lost').then(() => (isAnswered = true));
    await nextTick();
    const ioError = Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
    await finishNextSync(ioError);
    expect(isAnswered).toBe(false);
    expect(fatalErrors).toHaveLength(1);
    expect(fatalErrors[0].message).toMatch(/fsync of .*test\.db-wal failed: EIO/);
  });

  it('waits for the running fsync before closing', async () => {
    const { walSync, insert } = setUp();
    const write = insert('a');
    await nextTick();
    let isClosed = false;
    const closing = walSync.close().then(() => (isClosed = true));
    await nextTick();
    expect(isClosed).toBe(false);
    await finishNextSync();
    await write;
    // Closing asks for an fsync of its own, begun after every commit it must cover.
    expect(isClosed).toBe(false);
    await finishNextSync();
    await closing;
    expect(isClosed).toBe(true);
  });
});
