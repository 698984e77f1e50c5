// The SQLite store's methods beyond IronMQ's verbs, for the HUD's operators: the push delivery
// log, the newest messages, queue badges and redrive jobs. SqliteQueueStore inherits them; they
// live apart so the store's core stays readable in one sitting.
import type { DeliveryPage, DeliveryQuery } from '../delivery-log';
import type { NewRedrive, RedriveBatch, RedriveJob } from '../redrive';
import type { MessageDetail, QueueSource } from '../types';
import * as inspection from './inspection-ops';
import type { QueueRows } from './queue-rows';
import * as redrive from './redrive-ops';

export abstract class SqliteOperatorMethods {
  protected abstract readonly rows: QueueRows;
  /** Runs `work` as one atomic write; resolves once it is durable. */
  protected abstract write<T>(work: () => T): Promise<T>;

  async listDeliveries(projectId: string, name: string, query: DeliveryQuery, nowMs: number): Promise<DeliveryPage> {
    return inspection.listDeliveries(this.rows, this.rows.findOrThrow(projectId, name), query, nowMs);
  }

  async latestMessages(projectId: string, name: string, limit: number, nowMs: number): Promise<MessageDetail[]> {
    return inspection.latestMessages(this.rows, this.rows.findOrThrow(projectId, name), limit, nowMs);
  }

  async findQueueSources(projectId: string, targets: string[]): Promise<QueueSource[]> {
    return inspection.findQueueSources(this.rows, projectId, targets);
  }

  createRedrive(job: NewRedrive, nowMs: number): Promise<RedriveJob> {
    return this.write(() => redrive.createRedrive(this.rows, job, nowMs));
  }

  async getRedrive(projectId: string, id: string): Promise<RedriveJob | undefined> {
    return redrive.getRedrive(this.rows, projectId, id);
  }

  async listRedrives(projectId: string, sourceQueue: string, limit: number): Promise<RedriveJob[]> {
    return redrive.listRedrives(this.rows, projectId, sourceQueue, limit);
  }

  cancelRedrive(projectId: string, id: string, nowMs: number): Promise<RedriveJob | undefined> {
    return this.write(() => redrive.cancelRedrive(this.rows, projectId, id, nowMs));
  }

  claimRedrive(leaseMs: number, nowMs: number): Promise<RedriveJob | undefined> {
    return this.write(() => redrive.claimRedrive(this.rows, leaseMs, nowMs));
  }

  moveRedriveBatch(id: string, limit: number, leaseMs: number, nowMs: number): Promise<RedriveBatch> {
    return this.write(() => redrive.moveBatch(this.rows, id, limit, leaseMs, nowMs));
  }
}
