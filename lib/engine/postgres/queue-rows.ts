// Queue rows of the PostgreSQL store: lookup (sizes counted as queue-counts.ts says), creation
// with defaults, the counters every change adjusts and the allocation of message ids and message
// spaces. Shared by the message, push, redrive and housekeeping operations; each function runs on
// the caller's transaction (or, for reads, its connection).
import { EngineError } from '../errors';
import { defaultQueueSettings, newObjectId } from '../queue-settings';
import { QueueRowDecoder, type QueueRow } from '../stored-rows';
import type { QueueSettings } from '../types';
import type { Sql } from './database';
import { adjustCounts } from './queue-counts';

export type { QueueRow } from '../stored-rows';

/** Queue rows remembered for the one-statement paths (fast-paths.ts), which check them before use. */
const MAX_KNOWN_QUEUES = 10_000;

export class QueueRows extends QueueRowDecoder {
  /** The last row read of each queue: a hint, never trusted without a check in the statement using it. */
  private readonly known = new Map<string, QueueRow>();

  /** Source of push retry jitter, returning [0, 1). */
  constructor(readonly random: () => number = Math.random) {
    super();
  }

  async find(sql: Sql, projectId: string, name: string): Promise<QueueRow | undefined> {
    const row = await sql.row<QueueRow>('SELECT * FROM counted_queues WHERE project_id = $1 AND name = $2', [projectId, name]);
    if (row) this.remember(row);
    return row;
  }

  /** The row this instance read last for the queue, if any (possibly stale). */
  lastKnown(projectId: string, name: string): QueueRow | undefined {
    return this.known.get(`${projectId}\u0000${name}`);
  }

  remember(row: QueueRow): void {
    if (this.known.size >= MAX_KNOWN_QUEUES) this.known.clear();
    this.known.set(`${row.project_id}\u0000${row.name}`, row);
  }

  async findOrThrow(sql: Sql, projectId: string, name: string): Promise<QueueRow> {
    const row = await this.find(sql, projectId, name);
    if (!row) throw new EngineError('QUEUE_NOT_FOUND');
    return row;
  }

  /** The queue of a message space (undefined when the space was left by a clear or delete). */
  byQid(sql: Sql, qid: number): Promise<QueueRow | undefined> {
    return sql.row<QueueRow>('SELECT * FROM counted_queues WHERE qid = $1', [qid]);
  }

  /**
   * Finds the queue or creates it as a pull queue with default settings (§4.7). Two creators
   * racing agree: the second's insert waits for the first and then finds its row.
   */
  async findOrCreate(sql: Sql, projectId: string, name: string, nowMs: number, settings: QueueSettings = defaultQueueSettings()): Promise<QueueRow> {
    return (await this.find(sql, projectId, name)) ?? (await this.create(sql, projectId, name, settings, nowMs)) ?? (await this.findOrThrow(sql, projectId, name));
  }

  /** Inserts the queue; undefined when a concurrent transaction created it first. */
  create(sql: Sql, projectId: string, name: string, settings: QueueSettings, nowMs: number): Promise<QueueRow | undefined> {
    return sql.row<QueueRow>(
      `INSERT INTO queues (project_id, name, qid, id, settings, created_at)
       VALUES ($1, $2, nextval('queue_spaces'), $3, $4, $5)
       ON CONFLICT (project_id, name) DO NOTHING RETURNING *`,
      [projectId, name, newObjectId(), JSON.stringify(settings), nowMs],
    );
  }

  /**
   * Adds to the counters of `queue` and returns the queue after (queue-counts.ts); undefined when
   * no queue reads its message space any more (it was cleared or deleted). When its settings
   * changed since the caller read it, the transaction runs again.
   */
  adjustCounts(sql: Sql, queue: QueueRow, sizeDelta: number, totalDelta: number): Promise<QueueRow | undefined> {
    return adjustCounts(sql, queue, this.settingsOf(queue), sizeDelta, totalDelta);
  }

  /** `count` new message ids, increasing, from the shared sequence (an id is never handed out twice). */
  async allocateMessageIds(sql: Sql, count: number): Promise<number[]> {
    const rows = await sql.rows<{ id: number }>("SELECT nextval('message_ids') AS id FROM generate_series(1, $1)", [count]);
    return rows.map((row) => row.id).sort((a, b) => a - b);
  }

  /** The highest message id handed out so far, in any queue. */
  async lastAllocatedMessageId(sql: Sql): Promise<number> {
    return (await sql.row<{ last_value: number }>('SELECT last_value FROM message_ids'))!.last_value;
  }
}
