// The PostgreSQL store's methods beyond IronMQ's verbs, for the HUD's operators: the push delivery
// log, the newest messages, queue badges and redrive jobs. PostgresQueueStore inherits them; they
// live apart so the store's core stays readable in one sitting.
import type { DeliveryPage, DeliveryQuery } from '../delivery-log';
import type { NewRedrive, RedriveBatch, RedriveJob } from '../redrive';
import type { MessageDetail, QueueSource } from '../types';
import type { PostgresDatabase } from './database';
import * as inspection from './inspection-ops';
import type { QueueRows } from './queue-rows';
import * as redrive from './redrive-ops';

export abstract class PostgresOperatorMethods {
  protected abstract readonly db: PostgresDatabase;
  protected abstract readonly rows: QueueRows;
  /** Resolves once the schema is migrated; every method waits for it. */
  protected abstract readonly ready: Promise<void>;

  async listDeliveries(projectId: string, name: string, query: DeliveryQuery, nowMs: number): Promise<DeliveryPage> {
    await this.ready;
    return this.db.read(async (sql) => inspection.listDeliveries(this.rows, sql, await this.rows.findOrThrow(sql, projectId, name), query, nowMs));
  }

  async latestMessages(projectId: string, name: string, limit: number, nowMs: number): Promise<MessageDetail[]> {
    await this.ready;
    return this.db.read(async (sql) => inspection.latestMessages(sql, await this.rows.findOrThrow(sql, projectId, name), limit, nowMs));
  }

  async findQueueSources(projectId: string, targets: string[]): Promise<QueueSource[]> {
    await this.ready;
    return this.db.read((sql) => inspection.findQueueSources(sql, projectId, targets));
  }

  async createRedrive(job: NewRedrive, nowMs: number): Promise<RedriveJob> {
    await this.ready;
    return this.db.transaction((sql) => redrive.createRedrive(this.rows, sql, job, nowMs));
  }

  async getRedrive(projectId: string, id: string): Promise<RedriveJob | undefined> {
    await this.ready;
    return this.db.read((sql) => redrive.getRedrive(sql, projectId, id));
  }

  async listRedrives(projectId: string, sourceQueue: string, limit: number): Promise<RedriveJob[]> {
    await this.ready;
    return this.db.read((sql) => redrive.listRedrives(sql, projectId, sourceQueue, limit));
  }

  async cancelRedrive(projectId: string, id: string, nowMs: number): Promise<RedriveJob | undefined> {
    await this.ready;
    return this.db.transaction((sql) => redrive.cancelRedrive(sql, projectId, id, nowMs));
  }

  async claimRedrive(leaseMs: number, nowMs: number): Promise<RedriveJob | undefined> {
    await this.ready;
    return this.db.transaction((sql) => redrive.claimRedrive(sql, leaseMs, nowMs));
  }

  async moveRedriveBatch(id: string, limit: number, leaseMs: number, nowMs: number): Promise<RedriveBatch> {
    await this.ready;
    return this.db.transaction((sql) => redrive.moveBatch(this.rows, sql, id, limit, leaseMs, nowMs));
  }
}
