// Checkpoints off the event loop. SQLite's automatic checkpoint runs inside the COMMIT that takes
// the WAL past 1,000 pages: it copies them into the database file and fsyncs the WAL and the
// file, all on the committing thread, which here is the event loop. Turned off (the store sets
// wal_autocheckpoint = 0), that work moves to a worker thread with its own connection
// (checkpoint-worker.ts), which copies committed frames passively a little after commits.
//
// A WAL starts over from its beginning only at a write that finds every frame copied, and a
// passive checkpoint racing a busy writer is always a few commits behind. So once the WAL holds
// RESTART_WAL_BYTES, the checkpointer holds commits back (requests are still read and queued) for
// one more pass over the last frames, and the first commit after it starts the WAL over.
import type Database from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

export interface CheckpointWorkerData {
  path: string;
}

/** A pass's outcome: frames in the WAL and copied (or why it failed), and how long it took. */
export type CheckpointReport = { log: number; checkpointed: number; durationMs: number } | { error: string; durationMs: number };

/** For monitoring: a pass ran (copied, or failed and left the frames in the WAL), or commits were held. */
export type CheckpointEvent =
  | { kind: 'pass'; durationMs: number; error?: string }
  | { kind: 'hold'; durationMs: number };

/** What the checkpointer holds back while it empties the WAL: the store's group commit. */
export interface CommitHold {
  hold(): void;
  release(): void;
}

/** At most one log line a minute about failing passes. */
const FAILURE_LOG_INTERVAL_MS = 60_000;
/** SQLite's own default: a COMMIT that takes the WAL past this many pages checkpoints it. */
const SQLITE_AUTOCHECKPOINT_PAGES = 1000;
/** A WAL this long is emptied so that it can start over (16 MiB: 2,048 frames of 8 KiB pages). */
const RESTART_WAL_BYTES = 16 * 1024 * 1024;
/** Least time between two passes that are not emptying the WAL, so that a pass copies many commits at once. */
const PASS_INTERVAL_MS = 20;
/** Commits are never held longer than this, however slow the disk: the WAL then grows until a later pass. */
const HOLD_LIMIT_MS = 100;

export interface CheckpointerOptions {
  /** The database file (not its -wal). */
  path: string;
  /** The built worker (dist/checkpoint-worker.js). */
  workerScript: string;
  commits: CommitHold;
  /** The WAL's length in frames (pages) at which it is emptied to start over. */
  restartFrames: number;
  /** The worker could not start or stopped: checkpoints must go back to the committing thread. */
  onStopped: (error: Error) => void;
  onEvent: (event: CheckpointEvent) => void;
}

export class WalCheckpointer {
  private readonly worker: Worker;
  private isPassRunning = false;
  private isPassWanted = false;
  private isHolding = false;
  private holdStartedAtMs = 0;
  /** The last hold ran out of time: the pass it waited for does not start another. */
  private hasHoldTimedOut = false;
  private isStopped = false;
  private lastPassAtMs = -Infinity;
  private passTimer: NodeJS.Timeout | undefined;
  private holdTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: CheckpointerOptions) {
    this.worker = new Worker(options.workerScript, { workerData: { path: options.path } satisfies CheckpointWorkerData });
    // The checkpoint thread alone must not keep the process alive.
    this.worker.unref();
    this.worker.on('message', (report: CheckpointReport) => this.onReport(report));
    this.worker.once('error', (error) => this.stop(error));
    this.worker.once('exit', (code) => this.stop(new Error(`the checkpoint thread exited with code ${code}`)));
  }

  /** A commit reached the WAL: its frames are copied by a pass soon after. */
  noteCommit(): void {
    this.isPassWanted = true;
    this.startPassWhenDue();
  }

  /** Lets the commits go, ends the thread and closes its connection. */
  async close(): Promise<void> {
    if (this.isStopped) return;
    this.isStopped = true;
    this.endHold();
    clearTimeout(this.passTimer);
    const exited = new Promise((resolve) => this.worker.once('exit', resolve));
    this.worker.postMessage('close');
    await exited;
  }

  private startPassWhenDue(): void {
    if (this.isStopped || this.isPassRunning || !this.isPassWanted || this.passTimer) return;
    const waitMs = this.lastPassAtMs + PASS_INTERVAL_MS - performance.now();
    if (waitMs > 0) {
      this.passTimer = setTimeout(() => {
        this.passTimer = undefined;
        this.startPassWhenDue();
      }, waitMs).unref();
      return;
    }
    this.startPass();
  }

  private startPass(): void {
    this.isPassWanted = false;
    this.isPassRunning = true;
    this.lastPassAtMs = performance.now();
    this.worker.postMessage('checkpoint');
  }

  private onReport(report: CheckpointReport): void {
    this.isPassRunning = false;
    if (this.isStopped) return;
    this.options.onEvent({ kind: 'pass', durationMs: report.durationMs, ...('error' in report ? { error: report.error } : {}) });
    if (this.isHolding) {
      // Nothing was committed during this pass: if it copied every frame, the next commit starts the WAL over.
      this.endHold();
    } else if (this.hasHoldTimedOut) {
      this.hasHoldTimedOut = false;
    } else if ('log' in report && report.log >= this.options.restartFrames) {
      this.isHolding = true;
      this.holdStartedAtMs = performance.now();
      this.options.commits.hold();
      this.holdTimer = setTimeout(() => {
        this.hasHoldTimedOut = true;
        this.endHold();
      }, HOLD_LIMIT_MS);
      this.startPass();
      return;
    }
    this.startPassWhenDue();
  }

  private endHold(): void {
    if (!this.isHolding) return;
    this.isHolding = false;
    clearTimeout(this.holdTimer);
    this.options.commits.release();
    this.options.onEvent({ kind: 'hold', durationMs: performance.now() - this.holdStartedAtMs });
  }

  private stop(error: Error): void {
    if (this.isStopped) return;
    this.isStopped = true;
    this.endHold();
    clearTimeout(this.passTimer);
    this.options.onStopped(error);
  }
}

/**
 * Moves the checkpoints of `db`, a file database, to a worker thread when `checkpointWorkerScript`
 * names one; undefined (SQLite's own checkpoints) otherwise. Should the thread stop, they go back.
 */
export function startCheckpointer(
  db: Database.Database,
  commits: CommitHold,
  options: {
    path: string;
    checkpointWorkerScript?: string;
    log?: (line: string) => void;
    onCheckpoint?: (event: CheckpointEvent) => void;
  },
): WalCheckpointer | undefined {
  const { path, checkpointWorkerScript, log, onCheckpoint } = options;
  if (!checkpointWorkerScript || path === ':memory:') return undefined;
  db.pragma('wal_autocheckpoint = 0');
  let lastFailureLoggedAtMs = -Infinity;
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  return new WalCheckpointer({
    path,
    workerScript: checkpointWorkerScript,
    commits,
    restartFrames: Math.ceil(RESTART_WAL_BYTES / pageSize),
    onStopped: (error) => {
      if (!db.open) return;
      log?.(`checkpoints are back on the committing thread: ${error.message}`);
      db.pragma(`wal_autocheckpoint = ${SQLITE_AUTOCHECKPOINT_PAGES}`);
    },
    onEvent: (event) => {
      onCheckpoint?.(event);
      // A failing pass (a full disk) repeats every few milliseconds: one line a minute says it.
      if (event.kind === 'pass' && event.error && performance.now() - lastFailureLoggedAtMs > FAILURE_LOG_INTERVAL_MS) {
        lastFailureLoggedAtMs = performance.now();
        log?.(`checkpoint failed (${event.error}); the WAL keeps every write and grows until a pass succeeds`);
      }
    },
  });
}
