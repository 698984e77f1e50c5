// The fronts of a queue as readers and the reserve see them: ready rows, reserved or delayed rows
// whose time has come, the messages of ready chunks (ready-chunks.ts) and of held spans
// (held-spans.ts), merged in id order.
import type { PackedBodies } from './packed-bodies';
import type { ChunkHead } from './ready-chunks';
import type { QueueRows } from './queue-rows';
import { STATE_READY, type MessageRow, type QueueRow } from './statements';

/** The first `limit` of several id-ordered lists, in id order. */
function mergedFront<T>(lists: T[][], limit: number, idOf: (item: T) => number): T[] {
  const nonEmpty = lists.filter((list) => list.length > 0);
  if (nonEmpty.length <= 1) return (nonEmpty[0] ?? []).slice(0, limit);
  return nonEmpty.flat().sort((a, b) => idOf(a) - idOf(b)).slice(0, limit);
}

/** The first `limit` messages of the space's unexpired chunks with ids above afterId, as ready rows. */
function chunkRows(rows: QueueRows, qid: number, afterId: number, limit: number, nowMs: number): MessageRow[] {
  return rows.chunks.front(qid, afterId, limit, nowMs).flatMap((span) => rows.chunks.rowsOf(qid, span));
}

/** The first `limit` available messages in queue order: ready ones merged with those now due. */
export function availableFront(rows: QueueRows, queue: QueueRow, limit: number, nowMs: number): MessageRow[] {
  const ready = rows.sql.readyFront.all(queue.qid, nowMs, limit) as MessageRow[];
  const due = rows.sql.dueFront.all(queue.qid, nowMs, nowMs, limit) as MessageRow[];
  const dueHeld = rows.held.dueFront(queue.qid, limit, nowMs);
  return mergedFront([ready, due, dueHeld, chunkRows(rows, queue.qid, 0, limit, nowMs)], limit, (row) => row.id);
}

/** A chunk as a reserve read it: its head and all its bodies. */
export interface ChunkRead {
  head: ChunkHead;
  bodies: PackedBodies;
}

/**
 * A message a reserve may take: [id, body, reserved_count, timeout_ms, state] as the statements
 * return them (readyCandidates), and for a message of a chunk that chunk as read, with the body's
 * bytes when the chunk's bodies are escape-free (packed-bodies.ts).
 */
export type Candidate = [
  id: number,
  body: string,
  reservedCount: number,
  timeoutMs: number | null,
  state: number,
  chunk?: ChunkRead,
  escapeFreeBody?: Uint8Array,
];

/**
 * availableFront with only what a reserve needs. Held spans whose reservation ran out become
 * reserved rows first: taking them again is a row's update (reserved_count 2, a new reservation).
 */
export function reserveCandidates(rows: QueueRows, queue: QueueRow, limit: number, nowMs: number): Candidate[] {
  const probe = rows.sql.frontProbe.get({ qid: queue.qid }) as { hasReady: number; rowsDueAt: number | null; spansDueAt: number | null };
  const isSpanDue = probe.spansDueAt !== null && probe.spansDueAt <= nowMs;
  if (isSpanDue) rows.held.releaseDue(queue.qid, limit, nowMs);
  const ready = probe.hasReady ? (rows.sql.readyCandidates.all(queue.qid, nowMs, limit) as Candidate[]) : [];
  const isRowDue = isSpanDue || (probe.rowsDueAt !== null && probe.rowsDueAt <= nowMs);
  const due = isRowDue ? (rows.sql.dueCandidates.all(queue.qid, nowMs, nowMs, limit) as Candidate[]) : [];
  const chunked = rows.chunks.front(queue.qid, 0, limit, nowMs).flatMap(({ head, from, to }): Candidate[] => {
    const chunk = { head, bodies: rows.chunks.packedOf(head) };
    const id = (i: number) => head.first_id + from + i;
    // Escape-free bodies go out as their bytes too (json-bytes.ts); the others are only decoded.
    if (!chunk.bodies.isEscapeFree) return chunk.bodies.strings(from, to).map((body, i) => [id(i), body, 0, null, STATE_READY, chunk]);
    return chunk.bodies.views(from, to).map((bytes, i) => [id(i), bytes.toString(), 0, null, STATE_READY, chunk, bytes]);
  });
  return mergedFront([ready, due, chunked], limit, ([id]) => id);
}

/** Every stored message with an id above afterId, whatever its state, the first `limit` in id order. */
export function browseFront(rows: QueueRows, qid: number, afterId: number, limit: number, nowMs: number): MessageRow[] {
  const ready = rows.sql.browseReady.all(qid, afterId, nowMs, limit) as MessageRow[];
  const waiting = rows.sql.browseWaiting.all(qid, afterId, nowMs, limit) as MessageRow[];
  const held = rows.held.front(qid, afterId, limit, nowMs);
  return mergedFront([ready, waiting, held, chunkRows(rows, qid, afterId, limit, nowMs)], limit, (row) => row.id);
}
