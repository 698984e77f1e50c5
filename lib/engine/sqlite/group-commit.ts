// Group commit: every write that arrives while the event loop is busy joins one transaction.
// Each write runs in its own savepoint: a write that throws undoes only itself and rejects only
// its own caller. Callers are answered after COMMIT returns and, in the durable mode, after the
// WAL holding the commit is fsynced (wal-sync.ts), never before.
//
// Yielding writes (posts) step aside once when other writes (reserves, deletes) wait with them:
// those commit first and the posts in the next transaction. A saturated server then drains what
// producers fill instead of serving every request in turn, which, as consumers need two round
// trips per batch to producers' one, let the backlog grow without end; RabbitMQ's flow control
// throttles publishers for the same reason. Unsaturated, a post waits one turn of the loop at most.
//
// In the durable mode nothing commits while an fsync of the WAL runs: a commit made then would be
// answered only after the next fsync anyway (wal-sync.ts), so the writes that arrive meanwhile wait
// and commit together in the turn of the loop it ends in; the next fsync starts once they and their
// follow-ups (below) are committed. Under load that is one transaction per fsync instead of one per
// turn of the loop, and the pages every transaction rewrites (the queue's counts, the held-span
// indexes, the free list) reach the WAL once for all of them. Posting and consuming 100,000
// messages took a third fewer commits, 17% fewer write calls and bytes written to disk with 100 B
// bodies, 7-9% with 1 KiB (2026-12-03, three alternating pairs); the server's CPU per message did
// not move beyond this machine's noise. The price is the commit's own time before the next fsync:
// under the mixed load of `bench/run.mjs --case long-poll-load` a long poll's wake-up p50 went from
// 0.35-0.38 to 0.46-0.63 ms and its p99 from 2.2-3.0 to 2.5-3.6 ms (three alternating pairs).
//
// Writes that a commit's promise jobs issue (the reserve of a long poll the commit woke) commit
// in a follow-up transaction in the same turn of the event loop, not after the next round of
// requests is read.
import type Database from 'better-sqlite3';
import { asStorageError } from './storage-errors';
import type { WalSync } from './wal-sync';

interface Job {
  work: () => unknown;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
  onCommitted: (() => void) | undefined;
  isYielding: boolean;
  hasYielded: boolean;
}

type Outcome = { isOk: true; value: unknown } | { isOk: false; error: unknown };

export class GroupCommit {
  private pending: Job[] = [];
  private isScheduled = false;
  /** Commits wait while the WAL is emptied (wal-checkpointer.ts); writes keep queueing. */
  private isHeld = false;
  private readonly begin: Database.Statement;
  private readonly commit: Database.Statement;
  private readonly rollback: Database.Statement;
  private readonly savepoint: Database.Statement;
  private readonly releaseSavepoint: Database.Statement;
  private readonly rollbackToSavepoint: Database.Statement;

  /** `onCommit` hears each transaction's size (writes) and how long it took from BEGIN to COMMIT (ms). */
  constructor(
    private readonly db: Database.Database,
    private readonly onCommit: (batchSize: number, durationMs: number) => void = () => {},
    /** The durable mode's fsync of the WAL; without it a commit is answered as soon as it returns. */
    private readonly walSync?: WalSync,
    /** Hears each COMMIT as soon as it returns: the checkpointer copies its frames later. */
    private readonly afterCommit: () => void = () => {},
  ) {
    this.begin = db.prepare('BEGIN IMMEDIATE');
    this.commit = db.prepare('COMMIT');
    this.rollback = db.prepare('ROLLBACK');
    this.savepoint = db.prepare('SAVEPOINT write');
    this.releaseSavepoint = db.prepare('RELEASE write');
    this.rollbackToSavepoint = db.prepare('ROLLBACK TO write');
    walSync?.listen(() => {
      if (this.pending.length > 0) this.schedule();
    });
  }

  /**
   * Queues `work` (synchronous statements) for the next transaction; resolves once it is durable.
   * `onCommitted` runs once the work is committed, before the fsync that makes it durable: what
   * it sets going may read the work from a later transaction, whose own answer waits for an fsync
   * that covers this commit too.
   */
  run<T>(work: () => T, onCommitted?: () => void): Promise<T> {
    return this.enqueue(work, onCommitted, false);
  }

  /** run() for a write that lets the others waiting with it commit first (see the top of this file). */
  runYielding<T>(work: () => T, onCommitted?: () => void): Promise<T> {
    return this.enqueue(work, onCommitted, true);
  }

  private enqueue<T>(work: () => T, onCommitted: (() => void) | undefined, isYielding: boolean): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.pending.push({ work, resolve: resolve as (value: unknown) => void, reject, onCommitted, isYielding, hasYielded: false });
      this.schedule();
    });
  }

  /** Holds the next commit back until release(); what is written meanwhile waits and then commits together. */
  hold(): void {
    this.isHeld = true;
  }

  release(): void {
    this.isHeld = false;
    if (this.pending.length > 0) this.schedule();
  }

  private schedule(): void {
    if (this.isScheduled) return;
    this.isScheduled = true;
    // setImmediate runs after the poll phase, so every request already read joins this batch.
    setImmediate(() => this.flush());
    // Queued with it, this one runs in the same check phase once the flush and the promise jobs
    // it set off are done: the reserves of the long polls its commit woke commit then, instead of
    // after the next round of requests (under load, milliseconds later).
    setImmediate(() => this.flushFollowUps());
  }

  /** Commits every write still waiting, in as many transactions as yielding writes need (close()). */
  drain(): void {
    while (this.pending.length > 0 && !this.isHeld) this.commitWaiting();
    this.walSync?.start();
  }

  /** Commits what is waiting now, unless held or an fsync runs (its end flushes again). */
  flush(): void {
    this.isScheduled = false;
    if (!this.walSync?.isBusy) this.commitWaiting();
  }

  /** Commits what is waiting now (unless held), yielding writes aside. */
  private commitWaiting(): void {
    if (this.isHeld || this.pending.length === 0) return;
    // Yielding writes alone commit at once; beside others, only those that already stepped aside.
    const isAllYielding = this.pending.every((job) => job.isYielding);
    const jobs = this.take((job) => isAllYielding || !job.isYielding || job.hasYielded);
    for (const job of this.pending) job.hasYielded = true;
    if (this.pending.length > 0) this.schedule();
    this.commitBatch(jobs);
  }

  /**
   * Commits the writes other than yielding ones that arrived since the flush (the yielding wait for
   * the next), then starts the fsync that answers both: the reserve of a woken long poll is on
   * disk with the post that woke it.
   */
  private flushFollowUps(): void {
    if (this.walSync?.isBusy) return;
    if (!this.isHeld && this.pending.length > 0) this.commitBatch(this.take((job) => !job.isYielding));
    this.walSync?.start();
  }

  /** Removes the waiting writes `isTaken` picks from the queue and returns them, in order. */
  private take(isTaken: (job: Job) => boolean): Job[] {
    const taken: Job[] = [];
    const left: Job[] = [];
    for (const job of this.pending) (isTaken(job) ? taken : left).push(job);
    this.pending = left;
    return taken;
  }

  private commitBatch(jobs: Job[]): void {
    if (jobs.length === 0) return;

    const outcomes: Outcome[] = [];
    const startedAt = performance.now();
    try {
      this.begin.run();
      for (const job of jobs) outcomes.push(this.runOne(job));
      this.commit.run();
    } catch (error) {
      // The transaction itself failed (disk full, I/O error): nothing of this batch is durable.
      this.rollbackIfOpen();
      for (const job of jobs) job.reject(asStorageError(error));
      return;
    }
    this.afterCommit();
    jobs.forEach((job, i) => {
      if (job.onCommitted && outcomes[i].isOk) job.onCommitted();
    });
    const answer = () => {
      // From BEGIN to durable: what the callers waited for their commit.
      this.onCommit(jobs.length, performance.now() - startedAt);
      jobs.forEach((job, i) => {
        const outcome = outcomes[i];
        if (outcome.isOk) job.resolve(outcome.value);
        else job.reject(asStorageError(outcome.error));
      });
    };
    if (this.walSync) this.walSync.afterNextSync(answer);
    else answer();
  }

  /** After a failed COMMIT SQLite may or may not have rolled back; a second failure must not mask the first. */
  private rollbackIfOpen(): void {
    try {
      if (this.db.inTransaction) this.rollback.run();
    } catch {
      // Nothing more can be undone; the next BEGIN starts from the last committed state.
    }
  }

  private runOne(job: Job): Outcome {
    this.savepoint.run();
    try {
      const value = job.work();
      this.releaseSavepoint.run();
      return { isOk: true, value };
    } catch (error) {
      try {
        this.rollbackToSavepoint.run();
        this.releaseSavepoint.run();
      } catch {
        // SQLite already rolled the whole transaction back (it does for a full disk or an I/O
        // error): the batch fails, and with the cause, not with "no such savepoint".
        throw error;
      }
      return { isOk: false, error };
    }
  }
}
