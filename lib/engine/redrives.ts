// Redrive jobs (redrive.ts): started, read and cancelled from the HUD, advanced a batch at a time
// by the redrive worker (lib/redrive). Every batch that moves messages is announced on the one
// change signal — removed from the source, posted to the target — so long polls on the target
// wake, the pusher delivers to a push target, and alerts and the stats sampler hear of both.
import { randomBytes } from 'node:crypto';
import type { Clock } from './clock';
import { MAX_REDRIVE_HISTORY } from './limits';
import type { QueueChanges } from './queue-changes';
import { checkRedriveRequest, type RedriveJob, type RedriveRequest } from './redrive';
import type { QueueStore } from './store';

export class Redrives {
  private readonly startListeners = new Set<() => void>();

  constructor(
    private readonly store: QueueStore,
    private readonly clock: Clock,
    private readonly changes: QueueChanges,
    private readonly maxMessageBytes: number,
  ) {}

  /**
   * Starts moving messages of `sourceQueue` to the request's target. Throws INVALID_ARGUMENT for
   * a request out of bounds, QUEUE_NOT_FOUND when the source or the target does not exist.
   */
  async start(projectId: string, sourceQueue: string, request: RedriveRequest): Promise<RedriveJob> {
    const checked = checkRedriveRequest(sourceQueue, request, this.maxMessageBytes);
    const job = await this.store.createRedrive({ ...checked, id: randomBytes(12).toString('hex'), projectId }, this.clock.nowMs());
    for (const listener of this.startListeners) listener();
    return job;
  }

  /** The job, or undefined when the project has none of that id. */
  find(projectId: string, id: string): Promise<RedriveJob | undefined> {
    return this.store.getRedrive(projectId, id);
  }

  /** The source queue's recent jobs, newest first. */
  list(projectId: string, sourceQueue: string): Promise<RedriveJob[]> {
    return this.store.listRedrives(projectId, sourceQueue, MAX_REDRIVE_HISTORY);
  }

  /** Stops the job after the batch in progress; undefined when the project has no job of that id. */
  cancel(projectId: string, id: string): Promise<RedriveJob | undefined> {
    return this.store.cancelRedrive(projectId, id, this.clock.nowMs());
  }

  /** Calls `listener` whenever a job starts in this process; returns the function that stops it. */
  onStarted(listener: () => void): () => void {
    this.startListeners.add(listener);
    return () => this.startListeners.delete(listener);
  }

  /** Leases a running job to the calling worker for `leaseMs`, or undefined when none waits. */
  claim(leaseMs: number): Promise<RedriveJob | undefined> {
    return this.store.claimRedrive(leaseMs, this.clock.nowMs());
  }

  /** Moves the job's next batch (and renews its lease); returns the job after it. */
  async moveBatch(id: string, limit: number, leaseMs: number): Promise<RedriveJob> {
    const { job, moved, source, target } = await this.store.moveRedriveBatch(id, limit, leaseMs, this.clock.nowMs());
    if (moved > 0 && source && target) {
      this.changes.emit({ projectId: job.projectId, queueName: job.sourceQueue, kind: 'removed', count: moved, queue: source });
      this.changes.emit({ projectId: job.projectId, queueName: job.targetQueue, kind: 'posted', count: moved, queue: target });
    }
    return job;
  }
}
