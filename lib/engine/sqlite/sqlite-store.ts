// The embedded queue store: one SQLite file in WAL mode. Writes go through group commit and resolve
// once durable (wal-sync.ts); reads run at once against committed state, which may include a
// commit whose fsync is still under way (no write acts on what a read saw). One process opens the file at a time.
import Database from 'better-sqlite3';
import type {
  ClaimRequest,
  DeleteRef,
  DeleteResult,
  DeliveryAck,
  DeliveryClaim,
  MessagePage,
  PostResult,
  QueueStatsSnapshot,
  QueueRef,
  QueueStore,
  ReserveRequest,
  ReserveResult,
  SweepResult,
} from '../store';
import type {
  DeliveryAttempt,
  DeliveryOutcome,
  MessageDetail,
  MessageRef,
  NewMessage,
  PushStatus,
  Queue,
  QueueCounts,
  QueueListRequest,
  QueueSettings,
  ReservedMessage,
} from '../types';
import { nextDueOf, type DeliveryHead } from '../delivery-claims';
import { isPushAcknowledgement } from '../push-deliveries';
import { subscriberKey } from '../subscribers';
import { GroupCommit } from './group-commit';
import { startCheckpointer, type CheckpointEvent, type WalCheckpointer } from './wal-checkpointer';
import { WalSync } from './wal-sync';
import * as ops from './message-ops';
import * as push from './push-ops';
import * as housekeeping from './housekeeping-ops';
import { pushStatuses } from './inspection-ops';
import * as monitoring from './monitoring-ops';
import { SqliteOperatorMethods } from './operator-methods';
import { QueueRows } from './queue-rows';
import { openSchema, type SyncMode } from './schema';

export interface SqliteStoreOptions {
  /** Database file path; ':memory:' for throwaway tests. */
  path: string;
  /** 'full' (default) survives power loss; 'normal' survives a process crash only. */
  syncMode?: SyncMode;
  /** Push retry jitter in [0, 1), Math.random by default: () => 0 puts retries exactly retries_delay apart. */
  random?: () => number;
  /** Hears every group commit: its number of writes and its duration in ms until durable (for monitoring). */
  onCommit?: (batchSize: number, durationMs: number) => void;
  /** An fsync of the WAL failed: the process must end (SQLite recovers on the next start). Default: throw. */
  onFatal?: (error: Error) => void;
  /**
   * The built checkpoint thread (dist/checkpoint-worker.js): checkpoints run there instead of in
   * the COMMIT that crosses SQLite's threshold (wal-checkpointer.ts). Without it SQLite's own apply.
   */
  checkpointWorkerScript?: string;
  /** Hears what the store noticed and carried on from (the checkpoint thread stopped, a checkpoint failed). */
  log?: (line: string) => void;
  /** Hears each checkpoint pass and each hold of commits (for monitoring). */
  onCheckpoint?: (event: CheckpointEvent) => void;
}

/** Highest code point: every name that starts with a prefix sorts below prefix + this. */
const MAX_CODE_POINT = String.fromCodePoint(0x10ffff);

export class SqliteQueueStore extends SqliteOperatorMethods implements QueueStore {
  private readonly db: Database.Database;
  protected readonly rows: QueueRows;
  private readonly commits: GroupCommit;
  private readonly walSync: WalSync | undefined;
  private readonly checkpointer: WalCheckpointer | undefined;
  private readonly monitoringSql: monitoring.MonitoringStatements;

  constructor(options: SqliteStoreOptions) {
    super();
    this.db = new Database(options.path);
    openSchema(this.db);
    this.rows = new QueueRows(this.db, options.random ?? Math.random);
    // A failed fsync leaves nothing anyone can vouch for: by default it ends the process.
    const onFatal = options.onFatal ?? ((error: Error) => setImmediate(() => { throw error; }));
    const isDurable = (options.syncMode ?? 'full') === 'full' && options.path !== ':memory:';
    this.walSync = isDurable ? new WalSync(`${options.path}-wal`, onFatal) : undefined;
    this.commits = new GroupCommit(this.db, options.onCommit, this.walSync, () => this.checkpointer?.noteCommit());
    this.checkpointer = startCheckpointer(this.db, this.commits, options);
    this.monitoringSql = monitoring.prepareMonitoringStatements(this.db);
  }

  private get sql() {
    return this.rows.sql;
  }

  protected write<T>(work: () => T, onCommitted?: () => void): Promise<T> {
    return this.commits.run(work, onCommitted);
  }

  async getQueue(projectId: string, name: string, nowMs?: number): Promise<Queue | undefined> {
    const row = this.rows.find(projectId, name);
    if (!row) return undefined;
    const queue = this.rows.toQueue(row);
    if (nowMs !== undefined) queue.size -= this.sql.expiredUnswept.get({ nowMs, qid: row.qid }) as number;
    return queue;
  }

  async listQueueNames(projectId: string, request: QueueListRequest): Promise<string[]> {
    const params = { ...request, projectId, offset: request.offset ?? 0 };
    const rows = request.prefix
      ? this.sql.listNamesWithPrefix.all({ ...params, prefixEnd: request.prefix + MAX_CODE_POINT })
      : this.sql.listNames.all(params);
    return (rows as Array<{ name: string }>).map((row) => row.name);
  }

  saveQueue(
    projectId: string,
    name: string,
    decide: (current: Queue | undefined) => QueueSettings,
    nowMs: number,
  ): Promise<{ queue: Queue; isCreated: boolean }> {
    return this.write(() => {
      const current = this.rows.find(projectId, name);
      const settings = decide(current && this.rows.toQueue(current));
      if (!current) return { queue: this.rows.toQueue(this.rows.create(projectId, name, settings, nowMs)), isCreated: true };
      this.sql.updateSettings.run(JSON.stringify(settings), current.qid);
      return { queue: this.rows.toQueue(this.rows.findOrThrow(projectId, name)), isCreated: false };
    });
  }

  deleteQueue(projectId: string, name: string): Promise<boolean> {
    return this.write(() => {
      const row = this.rows.find(projectId, name);
      if (!row) return false;
      this.abandonQueue(row.qid);
      return true;
    });
  }

  deleteQueues(projectId: string): Promise<number> {
    return this.write(() => {
      const qids = this.sql.projectQids.all(projectId) as number[];
      for (const qid of qids) this.abandonQueue(qid);
      return qids.length;
    });
  }

  /** Removes the queue row at once; the sweeper purges its messages (live and delivered) later. */
  private abandonQueue(qid: number): void {
    this.sql.deleteQueue.run(qid);
    this.sql.abandonSpace.run(qid);
    this.sql.abandonSpace.run(-qid);
  }

  postMessages(projectId: string, name: string, messages: NewMessage[], nowMs: number, onCommitted?: () => void): Promise<PostResult> {
    // Posts yield to consumers' writes waiting with them (group-commit.ts).
    return this.commits.runYielding(() => {
      const queue = this.rows.findOrCreate(projectId, name, nowMs);
      const ids = ops.postMessages(this.rows, queue, messages, nowMs);
      return { ids, queue: this.rows.queueOf(queue.qid) };
    }, onCommitted);
  }

  reserveMessages(projectId: string, name: string, request: ReserveRequest, nowMs: number): Promise<ReserveResult> {
    return this.write(() => ops.reserveMessages(this.rows, this.rows.findOrThrow(projectId, name), request, nowMs));
  }

  async peekMessages(projectId: string, name: string, n: number, nowMs: number): Promise<MessageDetail[]> {
    return ops.peekMessages(this.rows, this.rows.findOrThrow(projectId, name), n, nowMs);
  }

  async browseMessages(
    projectId: string,
    name: string,
    afterId: string | null,
    limit: number,
    nowMs: number,
  ): Promise<MessagePage> {
    return ops.browseMessages(this.rows, this.rows.findOrThrow(projectId, name), afterId, limit, nowMs);
  }

  async getMessage(projectId: string, name: string, id: string, nowMs: number): Promise<MessageDetail> {
    return ops.getMessage(this.rows, this.rows.findOrThrow(projectId, name), id, nowMs);
  }

  deleteMessages(projectId: string, name: string, refs: MessageRef[], nowMs: number): Promise<Queue> {
    return this.write(() => {
      const queue = this.rows.findOrThrow(projectId, name);
      ops.deleteMessages(this.rows, queue, refs, nowMs);
      return this.rows.queueOf(queue.qid);
    });
  }

  deleteMessage(projectId: string, name: string, ref: DeleteRef, nowMs: number): Promise<DeleteResult> {
    return this.write(() => {
      const queue = this.rows.findOrThrow(projectId, name);
      const isAcknowledgement = isPushAcknowledgement(this.rows.settingsOf(queue), ref);
      if (isAcknowledgement) {
        const { id: messageId, reservationId, subscriberName, isReservationIgnored } = ref;
        push.acknowledge(this.rows, queue, { messageId, reservationId, subscriberName, isReservationIgnored }, nowMs);
      } else {
        ops.deleteMessages(this.rows, queue, [ref], nowMs);
      }
      return { isAcknowledgement, queue: this.rows.queueOf(queue.qid) };
    });
  }

  touchMessage(
    projectId: string,
    name: string,
    ref: MessageRef,
    timeoutMs: number | undefined,
    nowMs: number,
  ): Promise<ReservedMessage> {
    return this.write(() => ops.touchMessage(this.rows, this.rows.findOrThrow(projectId, name), ref, timeoutMs, nowMs));
  }

  releaseMessage(projectId: string, name: string, ref: MessageRef, delayMs: number, nowMs: number): Promise<Queue> {
    return this.write(() => {
      const queue = this.rows.findOrThrow(projectId, name);
      ops.releaseMessage(this.rows, queue, ref, delayMs, nowMs);
      return this.rows.toQueue(queue);
    });
  }

  clearMessages(projectId: string, name: string): Promise<{ removed: number; queue: Queue }> {
    return this.write(() => {
      const queue = this.rows.findOrThrow(projectId, name);
      const space = this.rows.newSpace();
      this.sql.moveToSpace.run(space, queue.qid);
      this.sql.abandonSpace.run(queue.qid);
      this.sql.abandonSpace.run(-queue.qid);
      return { removed: queue.size, queue: this.rows.queueOf(space) };
    });
  }

  async countMessages(projectId: string, name: string, nowMs: number): Promise<QueueCounts> {
    return ops.countMessages(this.rows, this.rows.findOrThrow(projectId, name), nowMs);
  }

  async nextDueAtMs(projectId: string, name: string, nowMs: number): Promise<number | undefined> {
    const queue = this.rows.find(projectId, name);
    if (!queue) return undefined;
    return ops.nextDueAt(this.rows, queue, nowMs);
  }

  sweep(nowMs: number, limit: number): Promise<SweepResult> {
    return this.write(() => housekeeping.sweep(this.rows, nowMs, limit));
  }

  claimDeliveries(request: ClaimRequest, nowMs: number): Promise<DeliveryClaim> {
    return this.write(() => push.claimDeliveries(this.rows, request, nowMs));
  }

  recordDeliveryOutcome(outcome: DeliveryOutcome, nowMs: number): Promise<QueueRef[]> {
    return this.write(() => push.recordOutcome(this.rows, outcome, nowMs));
  }

  deferDelivery(attempt: DeliveryAttempt, untilMs: number): Promise<void> {
    const subscriber = subscriberKey(attempt.subscriber);
    return this.write(() => push.defer(this.rows, attempt.messageId, subscriber, attempt.reservationId, untilMs));
  }

  acknowledgeDelivery(projectId: string, name: string, ack: DeliveryAck, nowMs: number): Promise<void> {
    return this.write(() => push.acknowledge(this.rows, this.rows.findOrThrow(projectId, name), ack, nowMs));
  }

  async getPushStatuses(projectId: string, name: string, messageId: string, nowMs: number): Promise<PushStatus[]> {
    const queue = this.rows.findOrThrow(projectId, name);
    const message = ops.findLiveMessage(this.rows, queue, messageId, nowMs);
    return pushStatuses(this.rows, this.rows.settingsOf(queue).push, message.id);
  }

  async nextDeliveryDueAtMs(skippedUrls: string[]): Promise<number | undefined> {
    // Skipping subscribers takes the heads: in due order, their backlogs would be walked past.
    if (skippedUrls.length > 0) return nextDueOf(this.sql.deliveryHeads.all() as DeliveryHead[], skippedUrls);
    return (this.sql.nextDeliveryDue.get() as number | null) ?? undefined;
  }

  async queueStats(limit: number, nowMs: number): Promise<QueueStatsSnapshot> {
    return monitoring.queueStats(this.rows, this.monitoringSql, limit, nowMs);
  }

  ping(): Promise<void> {
    return this.write(() => void this.monitoringSql.ping.run());
  }

  async close(): Promise<void> {
    // First, as it may be holding commits back; then the last writes commit and the file is closed.
    await this.checkpointer?.close();
    this.commits.drain();
    await this.walSync?.close();
    this.db.close();
  }
}
