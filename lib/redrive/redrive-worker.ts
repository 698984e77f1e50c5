// The redrive worker: background work started once per server process (lib/runtime.ts), beside
// the sweeper and the alert monitor. It takes running redrive jobs from the engine — a few at
// once, each leased so that another process sharing the store leaves it alone — and advances each
// one batch at a time at the job's own rate. Every batch is one atomic store operation, and the
// event loop gets a turn between batches, so API requests and long polls are never held up by
// more than one batch. Woken at once when a job starts in this process; otherwise it looks for
// work every few seconds (jobs started by another process, or whose worker's lease ran out).
import type { QueueEngine } from '../engine/engine';
import { redriveBatchSize, type RedriveJob } from '../engine/redrive';

export interface RedriveWorkerOptions {
  engine: QueueEngine;
  log: (line: string) => void;
  /** Jobs advanced at once by this process. */
  maxJobs?: number;
  /** How long a job stays this worker's after its last batch (ms); a stopped worker's jobs wait this long. */
  leaseMs?: number;
  /** How often to look for jobs when nothing wakes the worker (ms). */
  idleMs?: number;
}

export interface RedriveWorker {
  /** Look for jobs now (a job was started). */
  wake(): void;
  /** Stops after each job's batch in progress; the jobs resume in whichever worker claims them next. */
  stop(): Promise<void>;
}

const DEFAULT_MAX_JOBS = 4;
const DEFAULT_LEASE_MS = 10_000;
const DEFAULT_IDLE_MS = 2_000;
/** A job that fell this far behind its schedule (a slow disk) starts a new schedule instead of bursting (ms). */
const MAX_LAG_MS = 1_000;

export function startRedriveWorker(options: RedriveWorkerOptions): RedriveWorker {
  const { engine, log } = options;
  const maxJobs = options.maxJobs ?? DEFAULT_MAX_JOBS;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  const running = new Map<string, Promise<void>>();
  const sleepers = new Set<() => void>();
  let isStopped = false;
  let isLooking = false;
  let cancelIdleTimer = () => {};

  /** Waits `ms`, and at least one turn of the event loop, so requests run between batches; stop() ends every wait. */
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      let cancelTimer = () => {};
      const done = () => {
        sleepers.delete(done);
        cancelTimer();
        resolve();
      };
      sleepers.add(done);
      if (ms > 0) cancelTimer = engine.clock.setTimer(ms, done);
      else setImmediate(done);
    });

  /** Moves the job's batches on the schedule its rate sets, until it is no longer running. */
  async function advance(job: RedriveJob): Promise<void> {
    const batch = redriveBatchSize(job.ratePerSecond);
    const spacingMs = (batch / job.ratePerSecond) * 1000;
    let dueAtMs = engine.clock.nowMs();
    let state = job.state;
    while (!isStopped && state === 'running') {
      state = (await engine.redrives.moveBatch(job.id, batch, leaseMs)).state;
      const nowMs = engine.clock.nowMs();
      dueAtMs = Math.max(dueAtMs + spacingMs, nowMs - MAX_LAG_MS);
      if (state === 'running') await pause(dueAtMs - nowMs);
    }
  }

  function run(job: RedriveJob): void {
    const work = advance(job)
      .catch((error: unknown) => log(`redrive ${job.id}: ${String(error)}; another attempt once its lease runs out`))
      .finally(() => {
        running.delete(job.id);
        wake();
      });
    running.set(job.id, work);
  }

  /** Claims running jobs while there is room, then sleeps until woken or the idle period ends. */
  async function look(): Promise<void> {
    if (isLooking || isStopped) return;
    isLooking = true;
    try {
      while (running.size < maxJobs && !isStopped) {
        const job = await engine.redrives.claim(leaseMs);
        if (!job) break;
        if (running.has(job.id)) continue;
        run(job);
      }
    } catch (error) {
      log(`redrive: ${String(error)}`);
    } finally {
      isLooking = false;
    }
    cancelIdleTimer();
    if (!isStopped) cancelIdleTimer = engine.clock.setTimer(idleMs, () => void look());
  }

  function wake(): void {
    if (!isStopped) setImmediate(() => void look());
  }

  const stopListening = engine.redrives.onStarted(wake);
  wake();

  return {
    wake,
    async stop() {
      isStopped = true;
      stopListening();
      cancelIdleTimer();
      for (const wakeUp of [...sleepers]) wakeUp();
      await Promise.allSettled([...running.values()]);
    },
  };
}
