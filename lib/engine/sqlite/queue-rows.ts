// Queue rows of the SQLite store: lookup, creation with defaults (decoding: stored-rows.ts) and
// the allocation of message ids and message spaces. Shared by the queue and message operations.
import type Database from 'better-sqlite3';
import { EngineError } from '../errors';
import { defaultQueueSettings, newObjectId } from '../queue-settings';
import type { Queue, QueueSettings } from '../types';
import { QueueRowDecoder } from '../stored-rows';
import { prepareOperatorStatements, type OperatorStatements } from './operator-statements';
import { HeldSpans } from './held-spans';
import { ReadyChunks } from './ready-chunks';
import { prepareRowBatches, type RowBatches } from './row-batches';
import { STATE_DELAYED, STATE_READY, STATE_RESERVED, prepareStatements, type QueueRow, type Statements } from './statements';

/** Changes to a queue's counters (QueueRows.adjustCounts); what is left out is unchanged. */
export interface CountChange {
  size?: number;
  total?: number;
  reserved?: number;
  delayed?: number;
}

/** How a queue's counters change when messages in these states (stored codes) leave its space. */
export function leavingCounts(states: number[]): { size: number; reserved: number; delayed: number } {
  const change = { size: -states.length, reserved: 0, delayed: 0 };
  for (const state of states) {
    if (state === STATE_RESERVED) change.reserved -= 1;
    if (state === STATE_DELAYED) change.delayed -= 1;
  }
  return change;
}

/** Ids are at least the clock in ms × 1024, so they stay increasing across restarts and clock-stable. */
const IDS_PER_MS = 1024;

export class QueueRows extends QueueRowDecoder {
  readonly sql: Statements;
  /** The statements of the HUD's delivery log, queue badges and redrive jobs. */
  readonly operatorSql: OperatorStatements;
  /** Statements over a batch of messages, each bound row by row (row-batches.ts). */
  readonly batches: RowBatches;
  /** Ready messages stored a post at a time (ready-chunks.ts). */
  readonly chunks: ReadyChunks;
  /** Reserved messages taken from chunks, stored a reserve at a time (held-spans.ts). */
  readonly held: HeldSpans;
  private lastMessageId: number;
  private lastQid: number;
  /**
   * Source of push retry jitter, returning [0, 1): injected so tests can pin retries to exactly
   * retries_delay apart.
   */
  readonly random: () => number;

  constructor(db: Database.Database, random: () => number = Math.random) {
    super();
    this.sql = prepareStatements(db);
    this.operatorSql = prepareOperatorStatements(db);
    this.batches = prepareRowBatches(db);
    this.chunks = new ReadyChunks(db, this.batches.insertPlainMessages);
    this.held = new HeldSpans(db, this.batches.insertReservedMessages);
    this.random = random;
    const storedLast = this.sql.counter.get('last_message_id') as number;
    this.lastMessageId = Math.max(storedLast, (this.sql.maxMessageId.get() as number | null) ?? 0);
    this.lastQid = this.sql.counter.get('last_qid') as number;
  }

  find(projectId: string, name: string): QueueRow | undefined {
    return this.sql.queueByName.get(projectId, name) as QueueRow | undefined;
  }

  findOrThrow(projectId: string, name: string): QueueRow {
    const row = this.find(projectId, name);
    if (!row) throw new EngineError('QUEUE_NOT_FOUND');
    return row;
  }

  /** Finds the queue or creates it as a pull queue with default settings (§4.7). */
  findOrCreate(projectId: string, name: string, nowMs: number): QueueRow {
    return this.find(projectId, name) ?? this.create(projectId, name, defaultQueueSettings(), nowMs);
  }

  create(projectId: string, name: string, settings: QueueSettings, nowMs: number): QueueRow {
    const row: QueueRow = {
      project_id: projectId,
      name,
      qid: this.newSpace(),
      id: newObjectId(),
      settings: JSON.stringify(settings),
      size: 0,
      total_messages: 0,
      created_at: nowMs,
    };
    this.sql.insertQueue.run(row);
    return row;
  }

  /** A fresh message space: clear and delete move queues away from their old one. */
  newSpace(): number {
    this.lastQid += 1;
    this.sql.setCounter.run(this.lastQid, 'last_qid');
    return this.lastQid;
  }

  /** The highest message id handed out so far, in any queue. */
  get lastAllocatedMessageId(): number {
    return this.lastMessageId;
  }

  /** Reserves `count` consecutive message ids and persists the high-water mark. */
  allocateMessageIds(count: number, nowMs: number): number {
    const first = Math.max(this.lastMessageId + 1, nowMs * IDS_PER_MS);
    this.lastMessageId = first + count - 1;
    this.sql.setCounter.run(this.lastMessageId, 'last_message_id');
    return first;
  }

  /** Deletes message `id` of space `qid`, in the stored `state`: a ready one may be in a chunk, a reserved one in a span. */
  deleteMessage(qid: number, id: number, state: number): void {
    if (state === STATE_READY && this.chunks.removeMessage(qid, id)) return;
    if (state === STATE_RESERVED) this.held.ensureRow(qid, id);
    this.sql.deleteMessage.run(id);
  }

  /**
   * Changes the counters of the queue reading message space `qid` (none for a space no queue
   * reads): its size, its total ever posted, and its rows in state reserved and delayed.
   */
  adjustCounts(qid: number, { size = 0, total = 0, reserved = 0, delayed = 0 }: CountChange): void {
    this.sql.adjustCounts.run(size, total, reserved, delayed, qid);
  }

  /** The queue of a message space as it is now, inside the caller's transaction. */
  queueOf(qid: number): Queue {
    return this.toQueue(this.sql.queueByQid.get(qid) as QueueRow);
  }
}
