// Durability without an fsync on the committing thread. In the durable mode SQLite commits with
// synchronous=NORMAL (a commit's WAL frames reach the operating system but are not fsynced), and
// this class fsyncs the WAL file in libuv's thread pool; a commit's callers are answered only
// once an fsync that began after the commit has finished. Each fsync covers every commit made
// before it began, and the thread that runs SQLite never waits for the disk. GroupCommit does not
// commit while an fsync runs: it hears the end (`listen`) and commits what waited then.
//
// Recovery is SQLite's own: after a crash it replays the WAL up to the last intact commit, and
// every acknowledged commit is in the part that was synced. Checkpoints stay SQLite's business
// (in NORMAL mode it syncs the WAL before a checkpoint and the database after it).
//
// The sync is fdatasync, as SQLite's own on Linux: it flushes the data and whatever metadata
// reading it back needs (the file's size when the log grew), but not the modification time, so
// once the log has reached its usual length and is being written over, a sync skips a journal
// commit of the filesystem (a fifth less time per sync in a test on this project's machine).
import { closeSync, fdatasync, openSync } from 'node:fs';

export class WalSync {
  private fd: number | undefined;
  /** Callers of commits made after the running fsync began: the next fsync covers them. */
  private waitingForNext: Array<() => void> = [];
  private isSyncing = false;
  /** Hears the end of each fsync, after its callers are answered. */
  private onSynced: () => void = () => {};

  /**
   * `walPath` is the database's `-wal` file. An fsync that fails leaves the database in a state
   * no one can vouch for (the kernel may have dropped the pages), so `onFatal` must end the
   * process, as PostgreSQL does; SQLite recovers on the next start.
   */
  constructor(
    private readonly walPath: string,
    private readonly onFatal: (error: Error) => void,
    /** node's fdatasync; tests hold it back to show who is answered when. */
    private readonly syncFile: (fd: number, done: (error: NodeJS.ErrnoException | null) => void) => void = fdatasync,
  ) {}

  /** Runs `done` once everything committed before this call is on disk. */
  afterSync(done: () => void): void {
    this.afterNextSync(done);
    this.start();
  }

  /** True while an fsync runs: what commits now is answered only after the next one. */
  get isBusy(): boolean {
    return this.isSyncing;
  }

  /**
   * Queues `done` for the next fsync without starting it: the caller starts it with start()
   * once its commits are made (GroupCommit, after a commit's follow-ups).
   */
  afterNextSync(done: () => void): void {
    this.waitingForNext.push(done);
  }

  /** Starts an fsync for the callers waiting, unless one runs (its end starts the next). */
  start(): void {
    if (!this.isSyncing && this.waitingForNext.length > 0) this.startSync();
  }

  /** Sets who hears the end of each fsync (GroupCommit, which then commits what waited for it). */
  listen(onSynced: () => void): void {
    this.onSynced = onSynced;
  }

  /** Resolves once every commit made before this call is on disk. */
  whenSynced(): Promise<void> {
    if (!this.isSyncing && this.waitingForNext.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.afterSync(resolve));
  }

  /** Waits for the fsyncs under way, then lets go of the file. */
  async close(): Promise<void> {
    await this.whenSynced();
    if (this.fd !== undefined) closeSync(this.fd);
    this.fd = undefined;
  }

  private startSync(): void {
    const answered = this.waitingForNext;
    this.waitingForNext = [];
    this.isSyncing = true;
    // The WAL exists from the first commit on, and no caller is waiting before one.
    this.fd ??= openSync(this.walPath, 'r');
    this.syncFile(this.fd, (error) => {
      this.isSyncing = false;
      if (error) return this.onFatal(new Error(`fsync of ${this.walPath} failed: ${error.message}`));
      for (const done of answered) done();
      this.onSynced();
      if (this.waitingForNext.length > 0) this.startSync();
    });
  }
}
