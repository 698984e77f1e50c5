// Message operations of the SQLite store. Each function runs inside one group-commit savepoint
// (writes) or directly (reads), so every check and change in it is atomic.
import { EngineError } from '../errors';
import { assertDeletable, assertHeld, type MessageStatus } from '../messages';
import type { MessagePage, ReserveRequest, ReserveResult } from '../store';
import { newReservationId, newReservationIds } from '../reservation-ids';
import type { MessageDetail, MessageRef, NewMessage, QueueSettings, ReservedMessage } from '../types';
import { createDeliveries } from './push-ops';
import { leavingCounts, type QueueRows } from './queue-rows';
import { messageKey, statusOf, toMessageDetail } from '../stored-rows';
import { findChangeable, findLiveMessage } from './message-lookup';
import { availableFront, browseFront, reserveCandidates, type Candidate, type ChunkRead } from './message-fronts';
import { STATE_DELAYED, STATE_READY, type MessageRow, type QueueRow } from './statements';

// Counting by state and finding by id have files of their own; the store reaches them with the
// other message operations.
export { countMessages } from './message-counts';
export { findLiveMessage };

export function postMessages(rows: QueueRows, queue: QueueRow, messages: NewMessage[], nowMs: number): string[] {
  const settings = rows.settingsOf(queue);
  const firstId = rows.allocateMessageIds(messages.length, nowMs);
  if (settings.push) {
    const posted = messages.map((message, i) => ({ id: firstId + i, visibleAtMs: nowMs + message.delayMs }));
    createDeliveries(rows, settings, queue.qid, posted);
  }
  if (messages.length > 1 && messages.every(isPlain)) {
    const bodies = messages.map((message) => message.body);
    const expiresAtMs = nowMs + settings.messageExpirationMs;
    // A push queue's messages stay rows: their deliveries find them by id (push-ops.ts).
    if (settings.push) rows.batches.insertPlainMessages.run(bodies.map((body, i) => [firstId + i, body]), { qid: queue.qid, nowMs, expiresAtMs });
    else rows.chunks.insert(queue.qid, firstId, bodies, { nowMs, expiresAtMs }, messages.every((message) => message.isBodyEscapeFree === true));
  } else {
    messages.forEach((message, i) => insertMessage(rows, queue.qid, settings, firstId + i, message, nowMs));
  }
  const delayed = messages.reduce((count, message) => count + (message.delayMs > 0 ? 1 : 0), 0);
  rows.adjustCounts(queue.qid, { size: messages.length, total: messages.length, delayed });
  return messages.map((_, i) => String(firstId + i));
}

/** A message with nothing of its own but its body, which a chunk or the batch insert can take (row-batches.ts). */
function isPlain(message: NewMessage): boolean {
  return message.delayMs === 0 && message.pushHeaders === null && message.timeoutMs === undefined && message.expiresInMs === undefined;
}

function insertMessage(rows: QueueRows, qid: number, settings: QueueSettings, id: number, message: NewMessage, nowMs: number): void {
  const isDelayed = message.delayMs > 0;
  rows.sql.insertMessage.run(
    id,
    qid,
    message.body,
    isDelayed ? STATE_DELAYED : STATE_READY,
    isDelayed ? nowMs + message.delayMs : null,
    nowMs,
    nowMs + (message.expiresInMs ?? settings.messageExpirationMs),
    message.timeoutMs ?? null,
    message.pushHeaders === null ? null : JSON.stringify(message.pushHeaders),
  );
}

export function peekMessages(rows: QueueRows, queue: QueueRow, n: number, nowMs: number): MessageDetail[] {
  return availableFront(rows, queue, n, nowMs).map((row) => toMessageDetail(row, nowMs));
}

/** Moves a message to the dead-letter queue with its id, body and reserved_count (§4.6); returns that queue's qid. */
function deadLetter(rows: QueueRows, queue: QueueRow, messageId: number, state: number, nowMs: number): number {
  const { deadLetter: policy } = rows.settingsOf(queue);
  const target = rows.findOrCreate(queue.project_id, policy!.queueName, nowMs);
  const targetSettings = rows.settingsOf(target);
  rows.sql.moveMessage.run(target.qid, nowMs + targetSettings.messageExpirationMs, messageId);
  rows.adjustCounts(queue.qid, leavingCounts([state]));
  rows.adjustCounts(target.qid, { size: 1, total: 1 });
  // A dead-letter queue that is a push queue pushes what arrives, as it would a post.
  if (targetSettings.push) createDeliveries(rows, targetSettings, target.qid, [{ id: messageId, visibleAtMs: nowMs }]);
  return target.qid;
}

export function reserveMessages(rows: QueueRows, queue: QueueRow, request: ReserveRequest, nowMs: number): ReserveResult {
  const settings = rows.settingsOf(queue);
  if (settings.type !== 'pull') throw new EngineError('NOT_A_PULL_QUEUE');
  const maxReservations = settings.deadLetter?.maxReservations ?? Infinity;
  const messages: ReservedMessage[] = [];
  let deadLettered = 0;
  let deadLetterQid: number | undefined;
  // The states the taken messages leave, for the queue's counters.
  const takenStates: number[] = [];

  while (messages.length < request.n) {
    const wanted = request.n - messages.length;
    const candidates = reserveCandidates(rows, queue, wanted, nowMs);
    // A chunk's messages have no timeout of their own: those taken from one are held together.
    const chunkTimeoutMs = request.timeoutMs ?? settings.messageTimeoutMs;
    const spans = takeFromChunks(rows, queue.qid, candidates, request.isDelete ? undefined : nowMs + chunkTimeoutMs);
    const otherIds = newReservationIds(candidates.length - spans.held);
    const taken: Array<[number, number, string]> = [];
    for (const [id, body, reservedCount, messageTimeoutMs, state, chunk, escapeFreeBody] of candidates) {
      if (reservedCount >= maxReservations) {
        deadLetterQid = deadLetter(rows, queue, id, state, nowMs);
        deadLettered += 1;
        continue;
      }
      const timeoutMs = request.timeoutMs ?? messageTimeoutMs ?? settings.messageTimeoutMs;
      const spanIds = chunk && spans.ids.get(chunk);
      const reservationId = spanIds ? spanIds[id - chunk.head.first_id - chunk.head.taken] : otherIds.pop()!;
      if (!chunk) taken.push([id, nowMs + timeoutMs, reservationId]);
      takenStates.push(state);
      messages.push({
        id: String(id),
        body,
        reservedCount: reservedCount + 1,
        reservationId,
        reservedUntilMs: nowMs + timeoutMs,
        timeoutMs,
        ...(escapeFreeBody ? { escapeFreeBody } : {}),
      });
    }
    // One statement for the batch, before the next look at the front (which must not see these again).
    if (taken.length > 0) {
      if (request.isDelete) rows.batches.deleteMessages.run(taken.map(([id]) => [id]));
      else rows.batches.reserveMessages.run(taken);
    }
    if (candidates.length < wanted) break;
  }
  if (messages.length > 0) {
    // Out of the states they were in; unless deleted at once, back in the queue as reserved.
    const left = leavingCounts(takenStates);
    rows.adjustCounts(queue.qid, request.isDelete ? left : { reserved: left.reserved + messages.length, delayed: left.delayed });
  }
  const deadLetterQueue = deadLetterQid === undefined ? undefined : rows.queueOf(deadLetterQid);
  return { messages, queue: rows.queueOf(queue.qid), deadLettered, ...(deadLetterQueue ? { deadLetterQueue } : {}) };
}

/**
 * Takes a reserve's candidates from the fronts of their chunks. Unless the reserve deletes them
 * (no `dueAt`), those of each chunk are held together in a span until `dueAt`; the reservation
 * ids of each span's messages, by chunk, and how many messages the spans hold. (A chunk's
 * messages were never reserved, so none of them is dead-lettered: max_reservations is at least 1.)
 */
function takeFromChunks(rows: QueueRows, qid: number, candidates: Candidate[], dueAt: number | undefined) {
  const takenOf = new Map<ChunkRead, number>();
  for (const candidate of candidates) {
    const chunk = candidate[5];
    if (chunk) takenOf.set(chunk, (takenOf.get(chunk) ?? 0) + 1);
  }
  const ids = new Map<ChunkRead, string[]>();
  let held = 0;
  for (const [chunk, n] of takenOf) {
    const { head, bodies } = chunk;
    // A span that takes all the chunk has left adopts its row of bodies instead of copying them.
    const adopt = dueAt !== undefined && head.taken + n === head.count;
    rows.chunks.take(qid, head, n, adopt);
    if (dueAt === undefined) continue;
    const times = { createdAt: head.created_at, expiresAt: head.expires_at };
    const source = { chunkId: head.first_id, bodies, from: head.taken, to: head.taken + n, adopt };
    ids.set(chunk, rows.held.insert(qid, head.first_id + head.taken, source, dueAt, times));
    held += n;
  }
  return { ids, held };
}

/**
 * The common batch, every message named once and deleted by the holder of its live reservation:
 * those in held spans let go of, the rows in one statement; false (and nothing deleted) when the
 * batch is anything else. A lone row is left to deleteMessages, which deletes it in one statement.
 */
function deleteAllHeld(rows: QueueRows, queue: QueueRow, refs: MessageRef[], nowMs: number): boolean {
  const pairs: Array<[number, string]> = [];
  for (const ref of refs) {
    const key = messageKey(ref.id);
    if (key === undefined || ref.reservationId === undefined || ref.isReservationIgnored) return false;
    pairs.push([key, ref.reservationId]);
  }
  if (new Set(pairs.map(([key]) => key)).size !== pairs.length) return false;
  // Those held in spans are checked without a write; the rest are rows.
  const { hits, rest } = rows.held.findHeld(queue.qid, pairs, nowMs);
  if (rest.length === 0) {
    rows.held.letGo(hits);
    return true;
  }
  if (pairs.length === 1) return false;
  rows.sql.savepointBatch.run();
  const changes = rows.batches.deleteHeldMessages.run(rest, { qid: queue.qid, nowMs });
  if (changes === rest.length) rows.held.letGo(hits);
  else rows.sql.rollbackBatch.run();
  rows.sql.releaseBatch.run();
  return changes === rest.length;
}

export function deleteMessages(rows: QueueRows, queue: QueueRow, refs: MessageRef[], nowMs: number): void {
  if (deleteAllHeld(rows, queue, refs, nowMs)) {
    if (rows.settingsOf(queue).push) for (const ref of refs) rows.sql.deleteDeliveries.run(messageKey(ref.id));
    rows.adjustCounts(queue.qid, { size: -refs.length, reserved: -refs.length });
    return;
  }
  // Every message named, as it was before this call: a message named twice is judged twice.
  const found = new Map<number, MessageStatus>();
  // The states of what leaves the queue's own space: a delivered push message (space -qid) is in no count.
  const leaving: number[] = [];
  for (const ref of refs) {
    const key = messageKey(ref.id);
    const seen = key === undefined ? undefined : found.get(key);
    if (seen) {
      assertDeletable(seen, ref, nowMs);
      continue;
    }
    if (key !== undefined) rows.held.ensureRow(queue.qid, key);
    // The common case, a consumer deleting what it reserved, decided and done in one statement.
    const held = key !== undefined && ref.reservationId !== undefined && !ref.isReservationIgnored
      ? (rows.sql.deleteHeld.get(key, queue.qid, ref.reservationId, nowMs, nowMs) as MessageRow | undefined)
      : undefined;
    const row = held ?? findLiveMessage(rows, queue, ref.id, nowMs);
    const status = statusOf(row);
    if (!held) {
      assertDeletable(status, ref, nowMs);
      rows.deleteMessage(queue.qid, row.id, row.state);
    }
    found.set(row.id, status);
    if (row.qid === queue.qid) leaving.push(row.state);
  }
  // A throw above leaves nothing deleted: the write's savepoint undoes it (group-commit.ts).
  if (rows.settingsOf(queue).push) for (const id of found.keys()) rows.sql.deleteDeliveries.run(id);
  rows.adjustCounts(queue.qid, leavingCounts(leaving));
}

export function touchMessage(
  rows: QueueRows,
  queue: QueueRow,
  ref: MessageRef,
  timeoutMs: number | undefined,
  nowMs: number,
): ReservedMessage {
  const row = findChangeable(rows, queue, ref.id, nowMs);
  assertHeld(statusOf(row), ref, nowMs);
  const lengthMs = timeoutMs ?? row.timeout_ms ?? rows.settingsOf(queue).messageTimeoutMs;
  const reservationId = newReservationId();
  rows.sql.reserveMessage.run(nowMs + lengthMs, reservationId, row.id);
  return {
    id: String(row.id),
    body: row.body,
    reservedCount: row.reserved_count + 1,
    reservationId,
    reservedUntilMs: nowMs + lengthMs,
    timeoutMs: lengthMs,
  };
}

export function releaseMessage(rows: QueueRows, queue: QueueRow, ref: MessageRef, delayMs: number, nowMs: number): void {
  const row = findChangeable(rows, queue, ref.id, nowMs);
  assertHeld(statusOf(row), ref, nowMs);
  if (delayMs > 0) rows.sql.releaseMessage.run(STATE_DELAYED, nowMs + delayMs, row.id);
  else rows.sql.releaseMessage.run(STATE_READY, null, row.id);
  rows.adjustCounts(queue.qid, { reserved: -1, delayed: delayMs > 0 ? 1 : 0 });
}

/** A page of every stored message in id order, whatever its state, from after `afterId`. */
export function browseMessages(rows: QueueRows, queue: QueueRow, afterId: string | null, limit: number, nowMs: number): MessagePage {
  const after = afterId === null ? 0 : Number(afterId) || 0;
  // One extra row tells whether another page follows.
  const page = browseFront(rows, queue.qid, after, limit + 1, nowMs);
  const messages = page.slice(0, limit).map((row) => toMessageDetail(row, nowMs));
  return { messages, nextAfterId: page.length > limit ? messages[messages.length - 1].id : null };
}

/** The next time a reserved or delayed message of the queue becomes available, if any. */
export function nextDueAt(rows: QueueRows, queue: QueueRow, nowMs: number): number | undefined {
  const row = (rows.sql.nextDueAt.get(queue.qid, nowMs) as { due_at: number | null }).due_at ?? undefined;
  const held = rows.held.nextDueAt(queue.qid, nowMs);
  return row === undefined || held === undefined ? (row ?? held) : Math.min(row, held);
}

export function getMessage(rows: QueueRows, queue: QueueRow, id: string, nowMs: number): MessageDetail {
  return toMessageDetail(findLiveMessage(rows, queue, id, nowMs), nowMs);
}

