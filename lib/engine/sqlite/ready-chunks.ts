// Ready messages kept a post at a time. A post of plain messages (a body and nothing else of their
// own) is stored as chunks of consecutive ids, each a head row (space, first id, how many, how many
// taken from its front, times) and one row of bodies. A reserve moves the head's `taken` past the
// messages it takes, which a held span keeps from then on (held-spans.ts); a delete by id or a
// redrive takes a message at a chunk's front the same way, and one further in first turns the
// chunk's remaining messages into ready rows of `messages`.
// Why: each message row costs three B-tree inserts (the table, the ready index, the expiry index).
// Posting 100-byte messages in batches of 100 went 2.3× faster over HTTP with the insert left out
// (2026-12-03); a chunk of a hundred costs three inserts instead of three hundred.
// To every reader a chunk's messages look like ready rows (`MessageRow`, state ready).
import type Database from 'better-sqlite3';
import { PackedBodies } from './packed-bodies';
import type { RowBatch } from './row-batches';
import { STATE_READY, type MessageRow } from './statements';

/**
 * Most messages in one chunk: a longer post is stored as several. It also bounds how far below a
 * message id its chunk's first id can be, which is how a message is found by id.
 */
export const CHUNK_MESSAGES = 100;

/**
 * Most bytes of bodies in one chunk, unless one body alone is larger (it then has a chunk to
 * itself). A reserve reads its chunk's bodies whole, however few it takes; 16 KiB holds a hundred
 * 100-byte bodies, and beat 128 KiB chunks in posts and consumption of 1 KiB and of 100-byte
 * messages alike (bench/peers, two alternating pairs).
 */
const CHUNK_BYTES = 16 * 1024;

/** A chunk's head: its messages still in it are ids first_id + taken … first_id + count - 1. */
export interface ChunkHead {
  first_id: number;
  count: number;
  taken: number;
  created_at: number;
  expires_at: number;
}

/** The messages a reader wants from one chunk: indexes from … to - 1 of it. */
export interface ChunkSpan {
  head: ChunkHead;
  from: number;
  to: number;
}

const HEAD = 'first_id, count, taken, created_at, expires_at';

/** Chunk heads one look at a front reads. */
const HEADS_READ_AT_ONCE = 4;

function prepareChunkStatements(db: Database.Database) {
  const s = (sql: string) => db.prepare(sql);
  return {
    insertHead: s('INSERT INTO ready_chunks (qid, first_id, count, taken, created_at, expires_at) VALUES (?, ?, ?, 0, ?, ?)'),
    insertBodies: s('INSERT INTO chunk_bodies (first_id, bodies, lengths, escape_free) VALUES (?, ?, ?, ?)'),
    // Chunks after a cursor that may hold ids above afterId: none that does starts CHUNK_MESSAGES
    // or more below afterId. Parameters: qid, afterId, cursor, now, limit.
    headsAfter: s(
      `SELECT ${HEAD} FROM ready_chunks WHERE qid = ? AND first_id > ? - ${CHUNK_MESSAGES} AND first_id > ? AND expires_at > ?
       ORDER BY first_id LIMIT ?`,
    ),
    latestHeads: s(`SELECT ${HEAD} FROM ready_chunks WHERE qid = ? AND expires_at > ? ORDER BY first_id DESC LIMIT ?`),
    headHolding: s(
      `SELECT ${HEAD} FROM ready_chunks WHERE qid = ? AND first_id <= ? AND first_id > ? - ${CHUNK_MESSAGES}
       ORDER BY first_id DESC LIMIT 1`,
    ),
    bodiesOf: s('SELECT bodies, lengths, escape_free FROM chunk_bodies WHERE first_id = ?').raw(),
    advance: s('UPDATE ready_chunks SET taken = ? WHERE qid = ? AND first_id = ?'),
    deleteHead: s('DELETE FROM ready_chunks WHERE qid = ? AND first_id = ?'),
    deleteBodies: s('DELETE FROM chunk_bodies WHERE first_id = ?'),
    expired: s('SELECT qid, first_id, count - taken AS remaining FROM ready_chunks WHERE expires_at <= ? LIMIT ?'),
    ofSpace: s('SELECT first_id, count - taken AS remaining FROM ready_chunks WHERE qid = ? LIMIT ?'),
  };
}

/** Messages removed from chunks, by message space. */
export type RemovedBySpace = Map<number, number>;

export class ReadyChunks {
  private readonly sql: ReturnType<typeof prepareChunkStatements>;

  /** `insertReady` is the message store's batch insert of ready rows (row-batches.ts). */
  constructor(
    db: Database.Database,
    private readonly insertReady: RowBatch,
  ) {
    this.sql = prepareChunkStatements(db);
  }

  /**
   * Stores bodies (ids firstId …) as chunks of up to CHUNK_MESSAGES and CHUNK_BYTES;
   * `isEscapeFree` when no body needs JSON escaping (packed-bodies.ts).
   */
  insert(qid: number, firstId: number, bodies: string[], times: { nowMs: number; expiresAtMs: number }, isEscapeFree: boolean): void {
    const sizes = bodies.map((body) => Buffer.byteLength(body));
    let start = 0;
    while (start < bodies.length) {
      let end = start + 1;
      let bytes = sizes[start];
      while (end < bodies.length && end - start < CHUNK_MESSAGES && bytes + sizes[end] <= CHUNK_BYTES) bytes += sizes[end++];
      const part = bodies.slice(start, end);
      const id = firstId + start;
      if (!this.insertChunk(qid, id, part, sizes.slice(start, end), times, isEscapeFree)) {
        this.insertReady.run(part.map((body, i) => [id + i, body]), { qid, ...times });
      }
      start = end;
    }
  }

  private insertChunk(qid: number, firstId: number, bodies: string[], sizes: number[], times: { nowMs: number; expiresAtMs: number }, isEscapeFree: boolean): boolean {
    const packed = PackedBodies.pack(bodies, sizes, isEscapeFree);
    if (!packed) return false;
    this.sql.insertHead.run(qid, firstId, bodies.length, times.nowMs, times.expiresAtMs);
    this.sql.insertBodies.run(firstId, packed.bodies, packed.lengths, packed.isEscapeFree ? 1 : 0);
    return true;
  }

  /** The first `limit` messages of the unexpired chunks with ids above afterId (or all there are), as spans in id order. */
  front(qid: number, afterId: number, limit: number, nowMs: number): ChunkSpan[] {
    const spans: ChunkSpan[] = [];
    let found = 0;
    let cursor = -1;
    while (found < limit) {
      // A chunk holds at least one message, so `limit - found` more heads are always enough; most
      // hold many, so a few are read at a time.
      const wanted = Math.min(limit - found, HEADS_READ_AT_ONCE);
      const heads = this.sql.headsAfter.all(qid, afterId, cursor, nowMs, wanted) as ChunkHead[];
      for (const head of heads) {
        const from = Math.max(head.taken, afterId + 1 - head.first_id);
        const to = Math.min(head.count, from + limit - found);
        if (from < to) {
          spans.push({ head, from, to });
          found += to - from;
        }
        cursor = head.first_id;
      }
      if (heads.length < wanted) break;
    }
    return spans;
  }

  /** The newest `limit` messages of the unexpired chunks, newest first. */
  latest(qid: number, limit: number, nowMs: number): MessageRow[] {
    const heads = this.sql.latestHeads.all(qid, nowMs, limit) as ChunkHead[];
    const rows = heads.flatMap((head) => this.rowsOf(qid, { head, from: head.taken, to: head.count }).reverse());
    return rows.slice(0, limit);
  }

  /** The message as a ready row, if it is in an unexpired chunk of the space. */
  find(qid: number, id: number, nowMs: number): MessageRow | undefined {
    const head = this.holding(qid, id);
    if (!head || head.expires_at <= nowMs) return undefined;
    const index = id - head.first_id;
    return this.rowsOf(qid, { head, from: index, to: index + 1 })[0];
  }

  /** A chunk's bodies, all of them. */
  packedOf(head: ChunkHead): PackedBodies {
    const [bodies, lengths, escapeFree] = this.sql.bodiesOf.get(head.first_id) as [Buffer, Buffer, number];
    return new PackedBodies(bodies, lengths, escapeFree === 1);
  }

  /** The bodies of a span, in order. */
  bodiesOf(span: ChunkSpan): string[] {
    return this.packedOf(span.head).strings(span.from, span.to);
  }

  /** A span's messages as the ready rows they stand for. */
  rowsOf(qid: number, span: ChunkSpan): MessageRow[] {
    const { head } = span;
    return this.bodiesOf(span).map((body, i) => ({
      id: head.first_id + span.from + i,
      qid,
      body,
      state: STATE_READY,
      due_at: null,
      reservation_id: null,
      reserved_count: 0,
      created_at: head.created_at,
      expires_at: head.expires_at,
      timeout_ms: null,
      push_headers: null,
    }));
  }

  /**
   * Takes the first `n` remaining messages of a chunk out of it (a reserve has them now). The
   * last ones taken with `isBodiesKept` leave the chunk's bodies row to a held span (held-spans.ts).
   */
  take(qid: number, head: ChunkHead, n: number, isBodiesKept = false): void {
    const taken = head.taken + n;
    if (taken < head.count) this.sql.advance.run(taken, qid, head.first_id);
    else if (isBodiesKept) this.sql.deleteHead.run(qid, head.first_id);
    else this.remove(qid, head.first_id);
  }

  /**
   * Removes message `id` of the space from its chunk, if a chunk holds it: at the chunk's front
   * (a redrive moving a queue in order) by moving the head past it; elsewhere by turning the
   * chunk into rows, after which the caller deletes its row. True when it is gone.
   */
  removeMessage(qid: number, id: number): boolean {
    const head = this.holding(qid, id);
    if (!head) return false;
    if (id !== head.first_id + head.taken) {
      this.ensureRow(qid, id);
      return false;
    }
    this.take(qid, head, 1);
    return true;
  }

  /**
   * Makes sure message `id` of the space, if a chunk holds it, has a row: the chunk's remaining
   * messages become ready rows with its times, and the chunk goes. Counts do not change.
   */
  private ensureRow(qid: number, id: number): void {
    const head = this.holding(qid, id);
    if (!head) return;
    const rows = this.bodiesOf({ head, from: head.taken, to: head.count }).map((body, i) => [head.first_id + head.taken + i, body]);
    this.insertReady.run(rows, { qid, nowMs: head.created_at, expiresAtMs: head.expires_at });
    this.remove(qid, head.first_id);
  }

  /** Removes up to `limit` expired chunks; what they held, by space. */
  sweep(nowMs: number, limit: number): RemovedBySpace {
    const removed: RemovedBySpace = new Map();
    for (const { qid, first_id: firstId, remaining } of this.sql.expired.all(nowMs, limit) as Array<{ qid: number; first_id: number; remaining: number }>) {
      this.remove(qid, firstId);
      removed.set(qid, (removed.get(qid) ?? 0) + remaining);
    }
    return removed;
  }

  /** Removes up to `limit` chunks of an abandoned space; whether none is left, and how many messages went. */
  purge(qid: number, limit: number): { messages: number; isEmpty: boolean } {
    const chunks = this.sql.ofSpace.all(qid, limit) as Array<{ first_id: number; remaining: number }>;
    for (const { first_id: firstId } of chunks) this.remove(qid, firstId);
    return { messages: chunks.reduce((sum, chunk) => sum + chunk.remaining, 0), isEmpty: chunks.length < limit };
  }

  private holding(qid: number, id: number): ChunkHead | undefined {
    const head = this.sql.headHolding.get(qid, id, id) as ChunkHead | undefined;
    return head && id - head.first_id >= head.taken && id - head.first_id < head.count ? head : undefined;
  }

  private remove(qid: number, firstId: number): void {
    this.sql.deleteHead.run(qid, firstId);
    this.sql.deleteBodies.run(firstId);
  }
}
