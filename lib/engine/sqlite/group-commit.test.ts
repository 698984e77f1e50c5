// Group commit on a real SQLite file: writes of one tick share a transaction, a failing write
// undoes and rejects only itself, and callers hear back only once the commit is durable.
import Database from 'better-sqlite3';
import { fsync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { GroupCommit } from './group-commit';
import { WalSync } from './wal-sync';

let dataDir: string;
let db: Database.Database;
let commits: GroupCommit;
let commitCount: number;

/** Counts COMMIT statements by wrapping the one GroupCommit prepares. */
function countCommits(database: Database.Database): void {
  const prepare = database.prepare.bind(database);
  database.prepare = ((sql: string) => {
    const statement = prepare(sql);
    if (sql === 'COMMIT') {
      const run = statement.run.bind(statement);
      statement.run = (...args: unknown[]) => {
        commitCount += 1;
        return run(...args);
      };
    }
    return statement;
  }) as typeof database.prepare;
}

const insert = (value: string) => () => db.prepare('INSERT INTO items (value) VALUES (?)').run(value).lastInsertRowid;
const values = () => db.prepare('SELECT value FROM items ORDER BY id').pluck().all();
const nextTick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** GroupCommit in the durable mode, with each fsync held in `held` until the test lets it run. */
function durableCommits() {
  db.pragma('synchronous = NORMAL');
  const held: Array<() => void> = [];
  const walSync = new WalSync(path.join(dataDir, 'test.db-wal'), (error) => {
    throw error;
  }, (fd, done) => held.push(() => fsync(fd, done)));
  return { durable: new GroupCommit(db, undefined, walSync), walSync, held };
}

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-group-commit-'));
  db = new Database(path.join(dataDir, 'test.db'));
  db.pragma('journal_mode = WAL');
  db.exec('CREATE TABLE items (id INTEGER PRIMARY KEY, value TEXT NOT NULL UNIQUE)');
  commitCount = 0;
  countCommits(db);
  commits = new GroupCommit(db);
});

afterEach(() => {
  db.close();
  rmSync(dataDir, { recursive: true, force: true });
});

describe('GroupCommit', () => {
  it('commits every write issued in the same tick in one transaction, in order', async () => {
    const results = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((value) => commits.run(insert(value))));
    expect(results).toEqual([1, 2, 3, 4, 5]);
    expect(commitCount).toBe(1);
    expect(values()).toEqual(['a', 'b', 'c', 'd', 'e']);
  });

  it('gives writes of later ticks their own transaction', async () => {
    await commits.run(insert('a'));
    await commits.run(insert('b'));
    await Promise.all([commits.run(insert('c')), commits.run(insert('d'))]);
    expect(commitCount).toBe(3);
  });

  it('rejects only a failing write and undoes its partial changes; the others commit', async () => {
    const failure = new Error('refused halfway');
    const outcomes = await Promise.allSettled([
      commits.run(insert('a')),
      commits.run(() => {
        db.prepare('INSERT INTO items (value) VALUES (?)').run('partial');
        throw failure;
      }),
      commits.run(insert('a')),
      commits.run(insert('b')),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBe(failure);
    // The second 'a' broke the UNIQUE constraint: an SQLite error is contained the same way.
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/UNIQUE/);
    expect(commitCount).toBe(1);
    expect(values()).toEqual(['a', 'b']);
    expect(db.inTransaction).toBe(false);
  });

  it('answers callers only after COMMIT, when another connection can read the write', async () => {
    const reader = new Database(path.join(dataDir, 'test.db'), { readonly: true });
    try {
      const seenByReader = await commits.run(insert('durable')).then(() => {
        expect(db.inTransaction).toBe(false);
        return reader.prepare('SELECT value FROM items').pluck().all();
      });
      expect(seenByReader).toEqual(['durable']);
    } finally {
      reader.close();
    }
  });

  it('tells onCommitted at COMMIT, and answers the caller only after an fsync that began later', async () => {
    const { durable, walSync, held } = durableCommits();
    const seenAtCommit: unknown[] = [];
    let isAnswered = false;
    const post = durable.run(insert('early'), () => seenAtCommit.push(...values())).then(() => (isAnswered = true));
    // A failing write is never announced.
    const refused = durable
      .run(() => {
        throw new Error('refused');
      }, () => seenAtCommit.push('announced a failure'))
      .then(() => 'committed', (error: Error) => error.message);
    await nextTick();
    expect(seenAtCommit).toEqual(['early']);
    expect(held).toHaveLength(1);
    expect(isAnswered).toBe(false);
    // A write the announcement set going waits for the fsync held here, and for the one after it.
    let isLaterAnswered = false;
    const later = durable.run(insert('later')).then(() => (isLaterAnswered = true));
    await nextTick();
    held.shift()!();
    await post;
    expect(isLaterAnswered).toBe(false);
    await vi.waitFor(() => expect(held).toHaveLength(1));
    held.shift()!();
    await later;
    expect(await refused).toBe('refused');
    await walSync.close();
  });

  it('holds the writes that arrive while an fsync runs and commits them together once it ends, with their follow-ups', async () => {
    const { durable, walSync, held } = durableCommits();
    const first = durable.run(insert('first'));
    await nextTick();
    expect(held).toHaveLength(1);
    // Two turns of the loop, each with a write: neither commits while the fsync runs. The second
    // wakes a long poll when it commits, whose reserve follows in its own transaction.
    let wokenReserve: Promise<unknown> | undefined;
    const second = durable.run(insert('second'));
    await nextTick();
    const third = durable.run(insert('third'), () => {
      wokenReserve = Promise.resolve().then(() => durable.run(insert('reserve')));
    });
    await nextTick();
    expect(values()).toEqual(['first']);
    expect(commitCount).toBe(1);

    held.shift()!();
    await first;
    await nextTick();
    expect(values()).toEqual(['first', 'second', 'third', 'reserve']);
    expect(commitCount).toBe(3);
    // One fsync answers all three, started once the follow-up had committed.
    expect(held).toHaveLength(1);
    held.shift()!();
    await Promise.all([second, third, wokenReserve]);
    expect(held).toHaveLength(0);
    await walSync.close();
  });

  it('does not run a write before the tick ends, and flush() drains the queue at once', async () => {
    const pending = commits.run(insert('queued'));
    expect(values()).toEqual([]);
    commits.flush();
    expect(values()).toEqual(['queued']);
    await pending;
    await nextTick();
    expect(commitCount).toBe(1);
  });

  it('commits yielding writes after the others waiting with them, in the next transaction', async () => {
    const order: string[] = [];
    const track = (value: string) => () => {
      order.push(value);
      return insert(value)();
    };
    await Promise.all([commits.runYielding(track('post 1')), commits.run(track('reserve')), commits.runYielding(track('post 2')), commits.run(track('delete'))]);
    expect(order).toEqual(['reserve', 'delete', 'post 1', 'post 2']);
    expect(commitCount).toBe(2);
  });

  it('lets a yielding write step aside only once, and commits yielding writes alone together at once', async () => {
    const post = commits.runYielding(insert('post'));
    commits.run(insert('reserve 1'));
    commits.flush();
    expect(values()).toEqual(['reserve 1']);
    // Others wait again: this time the post goes with them.
    commits.run(insert('reserve 2'));
    commits.flush();
    expect(values()).toEqual(['reserve 1', 'post', 'reserve 2']);
    await post;

    await Promise.all([commits.runYielding(insert('post a')), commits.runYielding(insert('post b'))]);
    expect(commitCount).toBe(3);
  });

  it('commits a write that promise jobs issue right after a commit in the same turn of the loop (a woken long poll)', async () => {
    const seenNextTurn: unknown[][] = [];
    let woken: Promise<unknown> | undefined;
    await commits.run(insert('post'), () => {
      setImmediate(() => seenNextTurn.push(values()));
      woken = Promise.resolve().then(() => commits.run(insert('reserve')));
    });
    await woken;
    await nextTick();
    // Without the follow-up commit the reserve would wait for the next turn, after the I/O it brings.
    expect(seenNextTurn).toEqual([['post', 'reserve']]);
    expect(commitCount).toBe(2);
  });

  it('drain() commits yielding writes too', async () => {
    const writes = [commits.runYielding(insert('post')), commits.run(insert('reserve'))];
    commits.drain();
    expect(values()).toEqual(['reserve', 'post']);
    await Promise.all(writes);
  });

  it('rejects the whole batch when COMMIT itself fails, and keeps working afterwards', async () => {
    db.pragma('foreign_keys = ON');
    db.exec(`CREATE TABLE parents (id INTEGER PRIMARY KEY);
      CREATE TABLE children (parent INTEGER REFERENCES parents (id) DEFERRABLE INITIALLY DEFERRED)`);
    // A deferred foreign key is checked at COMMIT, so this batch fails only there.
    const outcomes = await Promise.allSettled([
      commits.run(insert('lost')),
      commits.run(() => db.prepare('INSERT INTO children (parent) VALUES (42)').run()),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['rejected', 'rejected']);
    expect(db.inTransaction).toBe(false);
    expect(values()).toEqual([]);

    await commits.run(insert('later'));
    expect(values()).toEqual(['later']);
  });
});
