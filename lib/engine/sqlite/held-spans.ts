// Reserved messages kept a reserve at a time. When a reserve takes messages from the front of a
// ready chunk (ready-chunks.ts), they stay together as one held span: a row with the space, the
// first id, how many, a byte per message that is 1 while it is still held here, the reservation's
// deadline, and a secret from which each message's reservation id follows. Its bodies stay in
// the chunk's row of packed bodies when the reserve took all the chunk had left (the span adopts
// the row), else in a copy of their own. The consumer's delete of the batch clears bytes; the
// last one removes the span. Anything else that happens to a held message (a touch, a release, a delete without its
// reservation, a redrive, the reserve that takes it again once its reservation ran out) first
// turns the span's remaining messages into reserved rows of `messages`, with the same ids,
// deadline and reservation ids, and then works on rows as before.
// Why: a reserved row costs three B-tree inserts and its delete three more; a reserve of a hundred
// from chunks wrote three hundred index entries that the acknowledgement removed at once. A span
// costs three inserts however many it holds, and an adopted row no copy of its bodies.
// To every reader a span's held messages look like reserved rows (`MessageRow`, reserved once).
import type Database from 'better-sqlite3';
import { newReservationId } from '../reservation-ids';
import { CHUNK_MESSAGES } from './ready-chunks';
import { PackedBodies } from './packed-bodies';
import type { RowBatch } from './row-batches';
import { STATE_RESERVED, type MessageRow } from './statements';

/** A span's row: ids first_id … first_id + count - 1, of which those with held[i] = 1 are still here. */
export interface HeldSpan {
  qid: number;
  first_id: number;
  count: number;
  held: Buffer;
  live: number;
  due_at: number;
  secret: string;
  created_at: number;
  expires_at: number;
  /** The span's bodies are those of row bodies_id of chunk_bodies, from index bodies_from on. */
  bodies_id: number;
  bodies_from: number;
}

/** Bodies for a new span: from … to - 1 of a chunk's, whose row the span adopts if `adopt`. */
export interface SpanBodies {
  chunkId: number;
  bodies: PackedBodies;
  from: number;
  to: number;
  adopt: boolean;
}

const SPAN = 'qid, first_id, count, held, live, due_at, secret, created_at, expires_at, bodies_id, bodies_from';

/** Hex characters of the secret; a reservation id is the secret and 8 of the message's index. */
const SECRET_CHARS = 24;

function prepareSpanStatements(db: Database.Database) {
  const s = (sql: string) => db.prepare(sql);
  return {
    insertSpan: s(`INSERT INTO held_spans (${SPAN}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`),
    insertBodies: s('INSERT INTO chunk_bodies (first_id, bodies, lengths) VALUES (?, ?, ?)'),
    // A span never holds more than the chunk it came from, so none that holds an id starts
    // CHUNK_MESSAGES or more below it.
    holding: s(
      `SELECT ${SPAN} FROM held_spans WHERE qid = ? AND first_id <= ? AND first_id > ? - ${CHUNK_MESSAGES}
       ORDER BY first_id DESC LIMIT 1`,
    ),
    // Spans after a cursor that may hold ids above afterId. Parameters: qid, afterId, cursor, now, limit.
    after: s(
      `SELECT ${SPAN} FROM held_spans WHERE qid = ? AND first_id > ? - ${CHUNK_MESSAGES} AND first_id > ? AND expires_at > ?
       ORDER BY first_id LIMIT ?`,
    ),
    latest: s(`SELECT ${SPAN} FROM held_spans WHERE qid = ? AND expires_at > ? ORDER BY first_id DESC LIMIT ?`),
    // Every reserve asks: SQLite would walk all the queue's spans in id order (its primary key)
    // looking for the few due ones, so the due index is named.
    due: s(
      `SELECT ${SPAN} FROM held_spans INDEXED BY held_spans_due WHERE qid = ? AND due_at <= ? AND expires_at > ?
       ORDER BY first_id LIMIT ?`,
    ),
    bodiesOf: s('SELECT bodies, lengths FROM chunk_bodies WHERE first_id = ?').raw(),
    setHeld: s('UPDATE held_spans SET held = ?, live = ? WHERE qid = ? AND first_id = ?'),
    deleteSpan: s('DELETE FROM held_spans WHERE qid = ? AND first_id = ?'),
    deleteBodies: s('DELETE FROM chunk_bodies WHERE first_id = ?'),
    dueCount: s(
      'SELECT COUNT(*) AS spans, IFNULL(SUM(live), 0) AS messages FROM (SELECT live FROM held_spans WHERE qid = ? AND due_at <= ? LIMIT ?)',
    ),
    waitingCount: s('SELECT IFNULL(SUM(live), 0) FROM held_spans WHERE qid = ? AND due_at > ?').pluck(),
    nextDue: s('SELECT MIN(due_at) FROM held_spans WHERE qid = ? AND due_at > ?').pluck(),
    expired: s(`SELECT ${SPAN} FROM held_spans WHERE expires_at <= ? LIMIT ?`),
    ofSpace: s(`SELECT ${SPAN} FROM held_spans WHERE qid = ? LIMIT ?`),
  };
}

/** A batch delete's messages found held in spans, by span (its first id): the index of each in it. */
export type HeldHits = Map<number, { span: HeldSpan; indexes: number[] }>;

export class HeldSpans {
  private readonly sql: ReturnType<typeof prepareSpanStatements>;

  /** `insertReserved` is the message store's batch insert of reserved rows (row-batches.ts). */
  constructor(
    db: Database.Database,
    private readonly insertReserved: RowBatch,
  ) {
    this.sql = prepareSpanStatements(db);
  }

  /** Holds messages firstId … (with these bodies) until dueAt; returns their reservation ids. */
  insert(qid: number, firstId: number, source: SpanBodies, dueAt: number, times: { createdAt: number; expiresAt: number }): string[] {
    const count = source.to - source.from;
    const secret = newReservationId().slice(0, SECRET_CHARS);
    // A copy's key is -firstId: a chunk's row, which a span may adopt, has the chunk's first id.
    const [bodiesId, bodiesFrom] = source.adopt ? [source.chunkId, source.from] : [-firstId, 0];
    this.sql.insertSpan.run(qid, firstId, count, Buffer.alloc(count, 1), count, dueAt, secret, times.createdAt, times.expiresAt, bodiesId, bodiesFrom);
    if (!source.adopt) {
      const copy = source.bodies.slice(source.from, source.to);
      this.sql.insertBodies.run(bodiesId, copy.bodies, copy.lengths);
    }
    return Array.from({ length: count }, (_, i) => reservationIdOf(secret, i));
  }

  /** The message as a reserved row, if an unexpired span of the space still holds it. */
  find(qid: number, id: number, nowMs: number): MessageRow | undefined {
    const span = this.holding(qid, id);
    if (!span || span.expires_at <= nowMs || span.held[id - span.first_id] !== 1) return undefined;
    return this.rowsOf(span, id - span.first_id, id - span.first_id + 1)[0];
  }

  /** The first `limit` held messages of unexpired spans with ids above afterId, in id order. */
  front(qid: number, afterId: number, limit: number, nowMs: number): MessageRow[] {
    const rows: MessageRow[] = [];
    let cursor = -1;
    while (rows.length < limit) {
      // Each span holds a message, though perhaps none above afterId: read on until enough or none left.
      const wanted = limit - rows.length;
      const spans = this.sql.after.all(qid, afterId, cursor, nowMs, wanted) as HeldSpan[];
      for (const span of spans) {
        rows.push(...this.rowsOf(span, Math.max(afterId + 1 - span.first_id, 0), span.count));
        cursor = span.first_id;
      }
      if (spans.length < wanted) break;
    }
    return rows.slice(0, limit);
  }

  /** The newest `limit` held messages of unexpired spans, newest first. */
  latest(qid: number, limit: number, nowMs: number): MessageRow[] {
    const spans = this.sql.latest.all(qid, nowMs, limit) as HeldSpan[];
    return spans.flatMap((span) => this.rowsOf(span, 0, span.count).reverse()).slice(0, limit);
  }

  /** The first `limit` messages whose reservation ran out, in id order (a peek shows them as ready). */
  dueFront(qid: number, limit: number, nowMs: number): MessageRow[] {
    const spans = this.sql.due.all(qid, nowMs, nowMs, limit) as HeldSpan[];
    return spans.flatMap((span) => this.rowsOf(span, 0, span.count)).slice(0, limit);
  }

  /**
   * Turns the first spans whose reservation ran out into reserved rows, enough to hold `limit`
   * messages (a reserve takes them as rows). Spans hold disjoint runs of ids, so no span left
   * holds an id below those turned.
   */
  releaseDue(qid: number, limit: number, nowMs: number): void {
    let released = 0;
    for (const span of this.sql.due.all(qid, nowMs, nowMs, limit) as HeldSpan[]) {
      if (released >= limit) break;
      this.toRows(span);
      released += span.live;
    }
  }

  /** Makes sure message `id` of the space, if a span holds it, has a row (the span's other held messages get theirs). */
  ensureRow(qid: number, id: number): void {
    const span = this.holding(qid, id);
    if (span) this.toRows(span);
  }

  /**
   * Which of these (message id, reservation id) pairs are held in spans of the space by that
   * reservation, still unexpired and within it; the rest are left for rows. Changes nothing.
   */
  findHeld(qid: number, pairs: Array<[number, string]>, nowMs: number): { hits: HeldHits; rest: Array<[number, string]> } {
    const hits: HeldHits = new Map();
    const rest: Array<[number, string]> = [];
    let span: HeldSpan | undefined;
    for (const pair of pairs) {
      const [id, reservationId] = pair;
      // A batch names a reserve's messages together: the span of the one before usually holds the next.
      if (!span || id < span.first_id || id >= span.first_id + span.count) span = this.holding(qid, id);
      const index = span ? id - span.first_id : -1;
      if (!span || span.held[index] !== 1 || span.due_at <= nowMs || span.expires_at <= nowMs || reservationIdOf(span.secret, index) !== reservationId) {
        rest.push(pair);
        continue;
      }
      // One entry per span however its messages are ordered in the batch: letGo writes each span once.
      const hit = hits.get(span.first_id) ?? { span, indexes: [] };
      hit.indexes.push(index);
      hits.set(span.first_id, hit);
    }
    return { hits, rest };
  }

  /** Lets go of messages findHeld found (each once); a span with none left goes. */
  letGo(hits: HeldHits): void {
    for (const { span, indexes } of hits.values()) {
      const live = span.live - indexes.length;
      if (live === 0) {
        this.remove(span);
        continue;
      }
      const held = Buffer.from(span.held);
      for (const index of indexes) held[index] = 0;
      this.sql.setHeld.run(held, live, span.qid, span.first_id);
    }
  }

  /** Held messages of the space whose reservation ran out (they count as ready), in the first `maxSpans` such spans. */
  countDue(qid: number, nowMs: number, maxSpans: number): { spans: number; messages: number } {
    return this.sql.dueCount.get(qid, nowMs, maxSpans) as { spans: number; messages: number };
  }

  /** Held messages of the space whose reservation has not run out. */
  countWaiting(qid: number, nowMs: number): number {
    return this.sql.waitingCount.get(qid, nowMs) as number;
  }

  /** The next reservation deadline after now, if any. */
  nextDueAt(qid: number, nowMs: number): number | undefined {
    return (this.sql.nextDue.get(qid, nowMs) as number | null) ?? undefined;
  }

  /** Removes up to `limit` expired spans; how many held messages they took, by space. */
  sweep(nowMs: number, limit: number): Map<number, number> {
    const removed = new Map<number, number>();
    for (const span of this.sql.expired.all(nowMs, limit) as HeldSpan[]) {
      this.remove(span);
      removed.set(span.qid, (removed.get(span.qid) ?? 0) + span.live);
    }
    return removed;
  }

  /** Removes up to `limit` spans of an abandoned space; whether none is left, and how many messages went. */
  purge(qid: number, limit: number): { messages: number; isEmpty: boolean } {
    const spans = this.sql.ofSpace.all(qid, limit) as HeldSpan[];
    for (const span of spans) this.remove(span);
    return { messages: spans.reduce((sum, span) => sum + span.live, 0), isEmpty: spans.length < limit };
  }

  /** The held messages among indexes from … to - 1 of a span, as the reserved rows they stand for. */
  private rowsOf(span: HeldSpan, from: number, to: number): MessageRow[] {
    if (from >= to) return [];
    const [bodies, lengths] = this.sql.bodiesOf.get(span.bodies_id) as [Buffer, Buffer];
    const texts = new PackedBodies(bodies, lengths).strings(span.bodies_from + from, span.bodies_from + to);
    const rows: MessageRow[] = [];
    texts.forEach((body, i) => {
      const index = from + i;
      if (span.held[index] !== 1) return;
      rows.push({
        id: span.first_id + index,
        qid: span.qid,
        body,
        state: STATE_RESERVED,
        due_at: span.due_at,
        reservation_id: reservationIdOf(span.secret, index),
        reserved_count: 1,
        created_at: span.created_at,
        expires_at: span.expires_at,
        timeout_ms: null,
        push_headers: null,
      });
    });
    return rows;
  }

  /** The span's held messages become reserved rows, as they are; the span goes. Counts do not change. */
  private toRows(span: HeldSpan): void {
    const rows = this.rowsOf(span, 0, span.count).map((row) => [row.id, row.body, row.due_at, row.reservation_id, row.created_at, row.expires_at]);
    this.insertReserved.run(rows, { qid: span.qid });
    this.remove(span);
  }

  private holding(qid: number, id: number): HeldSpan | undefined {
    const span = this.sql.holding.get(qid, id, id) as HeldSpan | undefined;
    return span && id - span.first_id < span.count ? span : undefined;
  }

  private remove(span: HeldSpan): void {
    this.sql.deleteSpan.run(span.qid, span.first_id);
    this.sql.deleteBodies.run(span.bodies_id);
  }
}

function reservationIdOf(secret: string, index: number): string {
  return secret + index.toString(16).padStart(8, '0');
}
