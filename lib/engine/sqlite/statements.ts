// Every SQL statement of the SQLite queue store, prepared once, with the row shapes they return.
import type Database from 'better-sqlite3';

import { DELIVERY_HEADS_SQL } from '../delivery-claims';
import type { DeliveryRowOf } from '../stored-rows';

export type { MessageRow, QueueRow } from '../stored-rows';

/** SQLite keeps in_flight as 0 or 1. */
export type DeliveryRow = DeliveryRowOf<number>;

/** Numeric codes of MessageState in the `state` column. */
export const STATE_READY = 0;
export const STATE_DELAYED = 1;
export const STATE_RESERVED = 2;

export type Statements = ReturnType<typeof prepareStatements>;

export function prepareStatements(db: Database.Database) {
  const s = (sql: string) => db.prepare(sql);
  return {
    queueByName: s('SELECT * FROM queues WHERE project_id = ? AND name = ?'),
    queueByQid: s('SELECT * FROM queues WHERE qid = ?'),
    insertQueue: s(
      `INSERT INTO queues (project_id, name, qid, id, settings, size, total_messages, created_at)
       VALUES (@project_id, @name, @qid, @id, @settings, 0, 0, @created_at)`,
    ),
    updateSettings: s('UPDATE queues SET settings = ? WHERE qid = ?'),
    deleteQueue: s('DELETE FROM queues WHERE qid = ?'),
    projectQids: s('SELECT qid FROM queues WHERE project_id = ?').pluck(),
    moveToSpace: s('UPDATE queues SET qid = ?, size = 0, reserved_rows = 0, delayed_rows = 0 WHERE qid = ?'),
    abandonSpace: s('INSERT OR IGNORE INTO abandoned_spaces (qid) VALUES (?)'),
    listNames: s(
      `SELECT name FROM queues WHERE project_id = @projectId AND name > @after AND name >= @prefix
       ORDER BY name LIMIT @limit OFFSET @offset`,
    ),
    listNamesWithPrefix: s(
      `SELECT name FROM queues WHERE project_id = @projectId AND name > @after AND name >= @prefix
         AND name < @prefixEnd ORDER BY name LIMIT @limit OFFSET @offset`,
    ),
    // Through QueueRows.adjustCounts, which names each change.
    adjustCounts: s(
      `UPDATE queues SET size = size + ?, total_messages = total_messages + ?, reserved_rows = reserved_rows + ?,
         delayed_rows = delayed_rows + ? WHERE qid = ?`,
    ),

    insertMessage: s(
      `INSERT INTO messages (id, qid, body, state, due_at, reservation_id, reserved_count, created_at, expires_at,
         timeout_ms, push_headers)
       VALUES (?, ?, ?, ?, ?, NULL, 0, ?, ?, ?, ?)`,
    ),
    // What a reserve needs of the front, as arrays ([id, body, reserved_count, timeout_ms, state]):
    // a row object per message costs V8 a property lookup per column, which showed in profiles.
    readyCandidates: s(
      `SELECT id, body, reserved_count, timeout_ms, state FROM messages WHERE qid = ? AND due_at IS NULL AND expires_at > ?
       ORDER BY id LIMIT ?`,
    ).raw(),
    dueCandidates: s(
      `SELECT id, body, reserved_count, timeout_ms, state FROM messages WHERE qid = ? AND due_at IS NOT NULL AND due_at <= ?
       AND expires_at > ? ORDER BY id LIMIT ?`,
    ).raw(),
    // Which of a reserve's sources can give anything (message-fronts.ts): one look instead of a
    // query each, as most reserves find all three empty while a queue is consumed from its chunks.
    frontProbe: s(
      `SELECT EXISTS (SELECT 1 FROM messages WHERE qid = @qid AND due_at IS NULL) AS hasReady,
         (SELECT MIN(due_at) FROM messages WHERE qid = @qid AND due_at IS NOT NULL) AS rowsDueAt,
         (SELECT MIN(due_at) FROM held_spans WHERE qid = @qid) AS spansDueAt`,
    ),
    readyFront: s(
      `SELECT * FROM messages WHERE qid = ? AND due_at IS NULL AND expires_at > ? ORDER BY id LIMIT ?`,
    ),
    dueFront: s(
      `SELECT * FROM messages WHERE qid = ? AND due_at IS NOT NULL AND due_at <= ? AND expires_at > ?
       ORDER BY id LIMIT ?`,
    ),
    messageById: s('SELECT * FROM messages WHERE id = ? AND qid = ?'),
    reserveMessage: s(
      `UPDATE messages SET state = ${STATE_RESERVED}, due_at = ?, reservation_id = ?, reserved_count = reserved_count + 1 WHERE id = ?`,
    ),
    releaseMessage: s('UPDATE messages SET state = ?, due_at = ? WHERE id = ?'),
    deleteMessage: s('DELETE FROM messages WHERE id = ?'),
    // A delete by the holder of a live reservation: the check and the delete in one statement.
    deleteHeld: s(
      `DELETE FROM messages WHERE id = ? AND qid = ? AND state = ${STATE_RESERVED} AND reservation_id = ? AND due_at > ? AND expires_at > ?
       RETURNING id, qid, state, due_at, reservation_id, reserved_count`,
    ),
    savepointBatch: s('SAVEPOINT batch'),
    releaseBatch: s('RELEASE batch'),
    rollbackBatch: s('ROLLBACK TO batch'),
    moveMessage: s(`UPDATE messages SET qid = ?, state = ${STATE_READY}, due_at = NULL, expires_at = ? WHERE id = ?`),
    browseReady: s(
      `SELECT * FROM messages WHERE qid = ? AND due_at IS NULL AND id > ? AND expires_at > ? ORDER BY id LIMIT ?`,
    ),
    browseWaiting: s(
      `SELECT * FROM messages WHERE qid = ? AND due_at IS NOT NULL AND id > ? AND expires_at > ? ORDER BY id LIMIT ?`,
    ),
    // Reserved and delayed rows whose time has come, the first `limit` of them (message-counts.ts).
    countDue: s(
      `SELECT state, COUNT(*) AS count FROM (SELECT state FROM messages WHERE qid = ? AND due_at IS NOT NULL AND due_at <= ? LIMIT ?)
       GROUP BY state`,
    ),
    countWaiting: s(
      `SELECT state, COUNT(*) AS count FROM messages WHERE qid = ? AND due_at IS NOT NULL AND due_at > ?
       GROUP BY state`,
    ),
    nextDueAt: s('SELECT MIN(due_at) AS due_at FROM messages WHERE qid = ? AND due_at > ?'),

    // Uses the expiry indexes: only the few rows, chunks and spans expired since the last sweep are visited.
    // (`+qid` keeps SQLite off the chunks' primary key, which would walk every chunk of the queue.)
    expiredUnswept: s(
      `SELECT (SELECT COUNT(*) FROM messages WHERE expires_at <= @nowMs AND qid = @qid)
         + (SELECT IFNULL(SUM(count - taken), 0) FROM ready_chunks WHERE expires_at <= @nowMs AND +qid = @qid)
         + (SELECT IFNULL(SUM(live), 0) FROM held_spans WHERE expires_at <= @nowMs AND +qid = @qid)`,
    ).pluck(),
    expiredMessages: s('SELECT id, qid, state FROM messages WHERE expires_at <= ? LIMIT ?'),
    oneAbandonedSpace: s('SELECT qid FROM abandoned_spaces LIMIT 1'),
    // Deliveries go with the messages of an abandoned space, before them (they are found by message id).
    purgeDeliveries: s(
      'DELETE FROM deliveries WHERE message_id IN (SELECT id FROM messages WHERE qid = ? LIMIT ?)',
    ),
    purgeReady: s(
      'DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE qid = ? AND due_at IS NULL LIMIT ?)',
    ),
    purgeWaiting: s(
      'DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE qid = ? AND due_at IS NOT NULL LIMIT ?)',
    ),
    forgetSpace: s('DELETE FROM abandoned_spaces WHERE qid = ?'),

    insertDelivery: s(
      `INSERT INTO deliveries (message_id, subscriber, position, url, status, next_try_at, qid)
       VALUES (?, ?, ?, ?, 'queued', ?, ?)`,
    ),
    setDeliveryReport: s('UPDATE deliveries SET report_queue = ?, report_id = ? WHERE message_id = ? AND subscriber = ?'),
    // The urls of the first due rows in due order, with how many rows each (delivery-claims.ts),
    // from deliveries_due_order alone.
    dueDeliveryFront: s(
      'SELECT url, COUNT(*) AS count FROM (SELECT url FROM deliveries WHERE next_try_at <= ? ORDER BY next_try_at LIMIT ?) GROUP BY url',
    ),
    nextDeliveryDue: s('SELECT MIN(next_try_at) FROM deliveries WHERE next_try_at IS NOT NULL').pluck(),
    // Each url with scheduled deliveries and its earliest due time (delivery-claims.ts).
    deliveryHeads: s(DELIVERY_HEADS_SQL),
    dueDeliveriesOfUrl: s('SELECT * FROM deliveries WHERE url = ? AND next_try_at <= ? ORDER BY next_try_at LIMIT ?'),
    deleteDelivery: s('DELETE FROM deliveries WHERE message_id = ? AND subscriber = ?'),
    deliveriesOf: s('SELECT * FROM deliveries WHERE message_id = ? ORDER BY position'),
    deliveryOf: s('SELECT * FROM deliveries WHERE message_id = ? AND subscriber = ?'),
    leaseDelivery: s(
      `UPDATE deliveries SET in_flight = 1, next_try_at = ?, reservation_id = ? WHERE message_id = ? AND subscriber = ?`,
    ),
    updateDelivery: s(
      `UPDATE deliveries SET status = @status, tries = @tries, status_code = @status_code, error_msg = @error_msg,
         last_try_at = @last_try_at, next_try_at = @next_try_at, in_flight = 0
       WHERE message_id = @message_id AND subscriber = @subscriber`,
    ),
    scheduleDelivery: s('UPDATE deliveries SET next_try_at = ? WHERE message_id = ? AND subscriber = ?'),
    deleteDeliveries: s('DELETE FROM deliveries WHERE message_id = ?'),
    messageAnywhere: s('SELECT * FROM messages WHERE id = ?'),
    archiveMessage: s('UPDATE messages SET qid = ? WHERE id = ?'),

    counter: s('SELECT value FROM counters WHERE name = ?').pluck(),
    setCounter: s('UPDATE counters SET value = ? WHERE name = ?'),
    maxMessageId: s('SELECT MAX(id) FROM messages').pluck(),
  };
}
