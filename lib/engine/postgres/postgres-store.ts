// The PostgreSQL queue store, for several Ferro instances sharing one database. Every write is one
// transaction, resolved once COMMIT returned; whatever instances must agree on is decided inside it
// with row locks: reserve takes the front of the queue FOR UPDATE SKIP LOCKED (two instances never
// hold one message), deletes, touches and releases lock the message they judge, and the counters
// change last (exactly on the queue row for a queue with alerts, in shards otherwise:
// queue-counts.ts). Arrivals travel between instances over
// LISTEN/NOTIFY (arrivals.ts). The rules are the SQLite store's, proven by the same suite.
import type { ArrivalChannel } from '../arrivals';
import { nextDueOf } from '../delivery-claims';
import { isPushAcknowledgement } from '../push-deliveries';
import type {
  ClaimRequest, DeleteRef, DeleteResult, DeliveryAck, DeliveryClaim, MessagePage, PostResult, QueueRef,
  QueueStatsSnapshot, QueueStore, ReserveRequest, ReserveResult, SweepResult,
} from '../store';
import { subscriberKey } from '../subscribers';
import type {
  DeliveryAttempt, DeliveryOutcome, MessageDetail, MessageRef, NewMessage, PushStatus, Queue, QueueCounts,
  QueueListRequest, QueueSettings, ReservedMessage,
} from '../types';
import { PostgresArrivals } from './arrivals';
import { RetryTransaction, type PostgresDatabase, type Sql } from './database';
import { fastDelete, heldBatchKeys, isFastDeleteQueue } from './fast-delete';
import { fastPost, fastReserve, isFastPathQueue } from './fast-paths';
import * as housekeeping from './housekeeping-ops';
import { pushStatuses } from './inspection-ops';
import { deliveryHeads } from './delivery-rows';
import { findLiveMessage } from './message-rows';
import * as ops from './message-ops';
import { PostgresOperatorMethods } from './operator-methods';
import * as push from './push-ops';
import { foldCounts } from './queue-counts';
import { QueueRows, type QueueRow } from './queue-rows';
import { QUEUE_STORE_COMPONENT, QUEUE_STORE_MIGRATIONS } from './schema';

export interface PostgresStoreOptions {
  database: PostgresDatabase;
  /** Push retry jitter in [0, 1), Math.random by default. */
  random?: () => number;
  /** Listen for other instances' arrivals and tell them of ours (LISTEN/NOTIFY); on by default. */
  isListening?: boolean;
  /** Where failures of the arrival channel go. */
  onError?: (error: unknown) => void;
}

/** Highest code point: every name that starts with a prefix sorts below prefix + this. */
const MAX_CODE_POINT = String.fromCodePoint(0x10ffff);

export class PostgresQueueStore extends PostgresOperatorMethods implements QueueStore {
  protected readonly db: PostgresDatabase;
  protected readonly rows: QueueRows;
  protected readonly ready: Promise<void>;
  readonly arrivals: ArrivalChannel | undefined;
  private readonly listener: PostgresArrivals | undefined;
  /** Operations started and not yet settled: close() waits for them. */
  private readonly inFlight = new Set<Promise<unknown>>();

  /** Opens the store and waits until its schema is migrated and it listens for arrivals. */
  static async open(options: PostgresStoreOptions): Promise<PostgresQueueStore> {
    const store = new PostgresQueueStore(options);
    await store.ready;
    return store;
  }

  constructor(options: PostgresStoreOptions) {
    super();
    this.db = options.database;
    this.rows = new QueueRows(options.random ?? Math.random);
    const isListening = options.isListening ?? true;
    this.listener = isListening ? new PostgresArrivals(this.db.options.connectionString, this.db.schema, options.onError) : undefined;
    this.arrivals = this.listener;
    this.ready = this.db.migrate(QUEUE_STORE_COMPONENT, QUEUE_STORE_MIGRATIONS).then(() => this.listener?.start());
    // Callers see the failure on their first call; this only keeps it from being unhandled.
    this.ready.catch(() => {});
  }

  /** A write transaction, tracked so close() can wait for it. */
  private write<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const promise = this.ready.then(() => this.db.transaction(work));
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => {});
    return promise;
  }

  /** A one-statement write (fast-paths.ts), tracked like a transaction. */
  private statement<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    const promise = this.ready.then(() => this.db.statement(work));
    this.inFlight.add(promise);
    void promise.finally(() => this.inFlight.delete(promise)).catch(() => {});
    return promise;
  }

  private async read<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    await this.ready;
    return this.db.read(work);
  }

  getQueue(projectId: string, name: string, nowMs?: number): Promise<Queue | undefined> {
    return this.read(async (sql) => {
      const row = await this.rows.find(sql, projectId, name);
      if (!row) return undefined;
      const queue = this.rows.toQueue(row);
      if (nowMs !== undefined) queue.size -= await housekeeping.expiredUnswept(sql, row.qid, nowMs);
      return queue;
    });
  }

  listQueueNames(projectId: string, request: QueueListRequest): Promise<string[]> {
    const prefixEnd = request.prefix ? request.prefix + MAX_CODE_POINT : null;
    return this.read(async (sql) => {
      const found = await sql.rows<{ name: string }>(
        `SELECT name FROM queues WHERE project_id = $1 AND name > $2 AND name >= $3 AND ($4::text IS NULL OR name < $4)
         ORDER BY name LIMIT $5 OFFSET $6`,
        [projectId, request.after, request.prefix, prefixEnd, request.limit, request.offset ?? 0],
      );
      return found.map((row) => row.name);
    });
  }

  saveQueue(projectId: string, name: string, decide: (current: Queue | undefined) => QueueSettings, nowMs: number): Promise<{ queue: Queue; isCreated: boolean }> {
    return this.write(async (sql) => {
      // Locked, so a concurrent save waits and then decides on what this one wrote. The shards
      // fold into the row first: a queue given alerts counts exactly from here on.
      const locked = await sql.row<{ qid: number }>('SELECT qid FROM queues WHERE project_id = $1 AND name = $2 FOR UPDATE', [projectId, name]);
      const current = locked && (await foldCounts(sql, locked.qid));
      const settings = decide(current && this.rows.toQueue(current));
      if (!current) {
        const created = await this.rows.create(sql, projectId, name, settings, nowMs);
        // Created by a concurrent transaction after our read: run again and decide on it.
        if (!created) throw new RetryTransaction('the queue was created concurrently');
        return { queue: this.rows.toQueue(created), isCreated: true };
      }
      const updated = await sql.row<QueueRow>('UPDATE queues SET settings = $1 WHERE qid = $2 RETURNING *', [JSON.stringify(settings), current.qid]);
      return { queue: this.rows.toQueue(updated!), isCreated: false };
    });
  }

  deleteQueue(projectId: string, name: string): Promise<boolean> {
    return this.write((sql) => housekeeping.deleteQueue(sql, projectId, name));
  }

  deleteQueues(projectId: string): Promise<number> {
    return this.write((sql) => housekeeping.deleteQueues(sql, projectId));
  }

  async postMessages(projectId: string, name: string, messages: NewMessage[], nowMs: number): Promise<PostResult> {
    const known = this.rows.lastKnown(projectId, name);
    if (known && isFastPathQueue(this.rows.settingsOf(known))) {
      const fast = await this.statement((sql) => fastPost(sql, known, this.rows.settingsOf(known), messages, nowMs));
      if (fast) {
        this.rows.remember(fast.after);
        return { ids: fast.ids, queue: this.rows.toQueue(fast.after) };
      }
    }
    return this.write(async (sql) => {
      const queue = await this.rows.findOrCreate(sql, projectId, name, nowMs);
      const { ids, after } = await ops.postMessages(this.rows, sql, queue, messages, nowMs);
      return { ids, queue: this.rows.toQueue(after) };
    });
  }

  async reserveMessages(projectId: string, name: string, request: ReserveRequest, nowMs: number): Promise<ReserveResult> {
    const known = this.rows.lastKnown(projectId, name);
    if (known && isFastPathQueue(this.rows.settingsOf(known))) {
      const fast = await this.statement((sql) => fastReserve(sql, known, this.rows.settingsOf(known), request, nowMs));
      if (fast) {
        const { after, ...result } = fast;
        return { ...result, queue: this.rows.toQueue(after) };
      }
    }
    return this.write(async (sql) => ops.reserveMessages(this.rows, sql, await this.rows.findOrThrow(sql, projectId, name), request, nowMs));
  }

  peekMessages(projectId: string, name: string, n: number, nowMs: number): Promise<MessageDetail[]> {
    return this.read(async (sql) => ops.peekMessages(sql, await this.rows.findOrThrow(sql, projectId, name), n, nowMs));
  }

  browseMessages(projectId: string, name: string, afterId: string | null, limit: number, nowMs: number): Promise<MessagePage> {
    return this.read(async (sql) => ops.browseMessages(sql, await this.rows.findOrThrow(sql, projectId, name), afterId, limit, nowMs));
  }

  getMessage(projectId: string, name: string, id: string, nowMs: number): Promise<MessageDetail> {
    return this.read(async (sql) => ops.getMessage(sql, await this.rows.findOrThrow(sql, projectId, name), id, nowMs));
  }

  async deleteMessages(projectId: string, name: string, refs: MessageRef[], nowMs: number): Promise<Queue> {
    const fast = await this.tryFastDelete(projectId, name, refs, nowMs);
    if (fast) return fast;
    return this.write(async (sql) => {
      const queue = await this.rows.findOrThrow(sql, projectId, name);
      return this.rows.toQueue(await ops.deleteMessages(this.rows, sql, queue, refs, nowMs));
    });
  }

  /** A batch every message of which its reservation holds, in one statement (fast-delete.ts); undefined: take the general path. */
  private async tryFastDelete(projectId: string, name: string, refs: MessageRef[], nowMs: number): Promise<Queue | undefined> {
    const known = this.rows.lastKnown(projectId, name);
    const keys = known && isFastDeleteQueue(this.rows.settingsOf(known)) ? heldBatchKeys(refs) : undefined;
    if (!known || !keys) return undefined;
    const after = await this.statement((sql) => fastDelete(sql, known, this.rows.settingsOf(known), keys, refs, nowMs));
    return after && this.rows.toQueue(after);
  }

  async deleteMessage(projectId: string, name: string, ref: DeleteRef, nowMs: number): Promise<DeleteResult> {
    // The fast path takes pull queues only, where no delete is a push acknowledgement.
    const fast = await this.tryFastDelete(projectId, name, [ref], nowMs);
    if (fast) return { isAcknowledgement: false, queue: fast };
    return this.write(async (sql) => {
      const queue = await this.rows.findOrThrow(sql, projectId, name);
      const isAcknowledgement = isPushAcknowledgement(this.rows.settingsOf(queue), ref);
      if (!isAcknowledgement) return { isAcknowledgement, queue: this.rows.toQueue(await ops.deleteMessages(this.rows, sql, queue, [ref], nowMs)) };
      const { id: messageId, reservationId, subscriberName, isReservationIgnored } = ref;
      await push.acknowledge(this.rows, sql, queue, { messageId, reservationId, subscriberName, isReservationIgnored }, nowMs);
      return { isAcknowledgement, queue: this.rows.toQueue((await this.rows.byQid(sql, queue.qid)) ?? queue) };
    });
  }

  touchMessage(projectId: string, name: string, ref: MessageRef, timeoutMs: number | undefined, nowMs: number): Promise<ReservedMessage> {
    return this.write(async (sql) => ops.touchMessage(this.rows, sql, await this.rows.findOrThrow(sql, projectId, name), ref, timeoutMs, nowMs));
  }

  releaseMessage(projectId: string, name: string, ref: MessageRef, delayMs: number, nowMs: number): Promise<Queue> {
    return this.write(async (sql) => {
      const queue = await this.rows.findOrThrow(sql, projectId, name);
      await ops.releaseMessage(sql, queue, ref, delayMs, nowMs);
      return this.rows.toQueue(queue);
    });
  }

  clearMessages(projectId: string, name: string): Promise<{ removed: number; queue: Queue }> {
    return this.write(async (sql) => {
      const queue = await sql.row<QueueRow>('SELECT * FROM queues WHERE project_id = $1 AND name = $2 FOR UPDATE', [projectId, name]);
      const { removed, after } = await housekeeping.clearMessages(sql, queue ?? (await this.rows.findOrThrow(sql, projectId, name)));
      return { removed, queue: this.rows.toQueue(after) };
    });
  }

  countMessages(projectId: string, name: string, nowMs: number): Promise<QueueCounts> {
    return this.read(async (sql) => ops.countMessages(sql, await this.rows.findOrThrow(sql, projectId, name), nowMs));
  }

  nextDueAtMs(projectId: string, name: string, nowMs: number): Promise<number | undefined> {
    return this.read(async (sql) => {
      const queue = await this.rows.find(sql, projectId, name);
      return queue ? housekeeping.nextDueAtMs(sql, queue.qid, nowMs) : undefined;
    });
  }

  sweep(nowMs: number, limit: number): Promise<SweepResult> {
    return this.write((sql) => housekeeping.sweep(this.rows, sql, nowMs, limit));
  }

  claimDeliveries(request: ClaimRequest, nowMs: number): Promise<DeliveryClaim> {
    return this.write((sql) => push.claimDeliveries(this.rows, sql, request, nowMs));
  }

  recordDeliveryOutcome(outcome: DeliveryOutcome, nowMs: number): Promise<QueueRef[]> {
    return this.write((sql) => push.recordOutcome(this.rows, sql, outcome, nowMs));
  }

  deferDelivery(attempt: DeliveryAttempt, untilMs: number): Promise<void> {
    return this.write((sql) => push.defer(sql, attempt.messageId, subscriberKey(attempt.subscriber), attempt.reservationId, untilMs));
  }

  acknowledgeDelivery(projectId: string, name: string, ack: DeliveryAck, nowMs: number): Promise<void> {
    return this.write(async (sql) => push.acknowledge(this.rows, sql, await this.rows.findOrThrow(sql, projectId, name), ack, nowMs));
  }

  getPushStatuses(projectId: string, name: string, messageId: string, nowMs: number): Promise<PushStatus[]> {
    return this.read(async (sql) => {
      const queue = await this.rows.findOrThrow(sql, projectId, name);
      const message = await findLiveMessage(sql, queue.qid, messageId, nowMs);
      return pushStatuses(sql, this.rows.settingsOf(queue).push, message.id);
    });
  }

  nextDeliveryDueAtMs(skippedUrls: string[]): Promise<number | undefined> {
    return this.read(async (sql) => {
      // Skipping subscribers takes the heads: in due order, their backlogs would be walked past.
      if (skippedUrls.length > 0) return nextDueOf(await deliveryHeads(sql), skippedUrls);
      const row = await sql.row<{ due: number | null }>('SELECT MIN(next_try_at) AS due FROM deliveries WHERE next_try_at IS NOT NULL');
      return row?.due ?? undefined;
    });
  }

  queueStats(limit: number, nowMs: number): Promise<QueueStatsSnapshot> {
    return this.read((sql) => housekeeping.queueStats(this.rows, sql, limit, nowMs));
  }

  ping(): Promise<void> {
    return this.write((sql) => housekeeping.ping(sql));
  }

  /** Waits for the operations in flight and stops listening; the database is its owner's to close. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.inFlight]);
    await this.listener?.close();
  }
}
