// The SQL behind what the HUD's operators read and run beyond IronMQ's verbs: the push delivery
// log, the newest messages of a queue, the queues naming a queue as their dead-letter or error
// queue, and redrive jobs. Prepared once, with the row shapes they return.
import type Database from 'better-sqlite3';
import type { RedriveRowOf } from '../redrive-batch';

/** SQLite keeps is_error_report as 0 or 1. */
export type RedriveRow = RedriveRowOf<number>;

export type OperatorStatements = ReturnType<typeof prepareOperatorStatements>;

/**
 * A page of the delivery log continues strictly after the cursor (@afterId, @afterSub) in the
 * order message_id DESC, subscriber DESC; the range on message_id keeps the scan on the index.
 */
const AFTER_CURSOR = 'message_id <= @afterId AND NOT (message_id = @afterId AND subscriber >= @afterSub)';
const OF_SUBSCRIBER = '(@subscriber IS NULL OR subscriber = @subscriber)';

export function prepareOperatorStatements(db: Database.Database) {
  const s = (sql: string) => db.prepare(sql);
  return {
    deliveriesPage: s(
      `SELECT * FROM deliveries WHERE qid = @qid AND ${AFTER_CURSOR} AND ${OF_SUBSCRIBER}
       ORDER BY message_id DESC, subscriber DESC LIMIT @limit`,
    ),
    deliveriesPageByStatus: s(
      `SELECT * FROM deliveries WHERE qid = @qid AND status = @status AND ${AFTER_CURSOR} AND ${OF_SUBSCRIBER}
       ORDER BY message_id DESC, subscriber DESC LIMIT @limit`,
    ),

    latestReady: s('SELECT * FROM messages WHERE qid = ? AND due_at IS NULL AND expires_at > ? ORDER BY id DESC LIMIT ?'),
    latestWaiting: s('SELECT * FROM messages WHERE qid = ? AND due_at IS NOT NULL AND expires_at > ? ORDER BY id DESC LIMIT ?'),

    // The second parameter is a JSON array of target names; each query reads one expression index.
    deadLetterSources: s(
      `SELECT name, json_extract(settings, '$.deadLetter.queueName') AS target FROM queues
       WHERE project_id = ? AND json_extract(settings, '$.deadLetter.queueName') IN (SELECT value FROM json_each(?))`,
    ),
    errorQueueSources: s(
      `SELECT name, json_extract(settings, '$.push.errorQueue') AS target FROM queues
       WHERE project_id = ? AND json_extract(settings, '$.push.errorQueue') IN (SELECT value FROM json_each(?))`,
    ),

    insertRedrive: s(
      `INSERT INTO redrive_jobs (id, project_id, source, source_qid, target, is_error_report, selection, bodies, last_id,
         rate, state, total, created_at, updated_at)
       VALUES (@id, @project_id, @source, @source_qid, @target, @is_error_report, @selection, @bodies, @last_id,
         @rate, 'running', @total, @created_at, @created_at)`,
    ),
    redriveById: s('SELECT * FROM redrive_jobs WHERE id = ?'),
    redrivesOfSource: s('SELECT * FROM redrive_jobs WHERE project_id = ? AND source = ? ORDER BY created_at DESC, id LIMIT ?'),
    pruneRedrives: s(
      `DELETE FROM redrive_jobs WHERE project_id = @projectId AND source = @source AND state != 'running'
         AND id NOT IN (SELECT id FROM redrive_jobs WHERE project_id = @projectId AND source = @source
                        ORDER BY created_at DESC, id LIMIT @keep)`,
    ),
    claimableRedrive: s(`SELECT * FROM redrive_jobs WHERE state = 'running' AND lease_until <= ? ORDER BY lease_until LIMIT 1`),
    leaseRedrive: s('UPDATE redrive_jobs SET lease_until = ? WHERE id = ?'),
    advanceRedrive: s(
      `UPDATE redrive_jobs SET cursor = @cursor, moved = moved + @moved, skipped = skipped + @skipped, state = @state,
         error = @error, updated_at = @now, finished_at = @finished_at, lease_until = @lease_until
       WHERE id = @id`,
    ),
    cancelRedrive: s(`UPDATE redrive_jobs SET state = 'cancelled', updated_at = ?, finished_at = ? WHERE id = ? AND state = 'running'`),
  };
}
