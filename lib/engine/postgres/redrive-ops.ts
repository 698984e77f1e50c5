// Redrive jobs in the PostgreSQL store (lib/engine/redrive.ts), the same rules as
// lib/engine/sqlite/redrive-ops.ts. A batch locks its job row first, so batches of one job run one
// at a time whichever instance's worker runs them; each commits its posts to the target, deletes
// from the source and new cursor together: a message is never moved twice, and never lost.
import { EngineError, invalidArgument } from '../errors';
import { MAX_REDRIVE_HISTORY } from '../limits';
import type { NewRedrive, RedriveBatch, RedriveJob } from '../redrive';
import type { NewMessage } from '../types';
import { batchProgress, frontCandidates, movingMessages, nextSelected, selectedCandidates, toRedriveJob, type RedriveCandidates, type RedriveProgress, type RedriveRowOf } from '../redrive-batch';
import type { Sql } from './database';
import { insertMessages } from './message-ops';
import type { MessageRow } from './message-rows';
import { createDeliveries } from './push-ops';
import type { QueueRow, QueueRows } from './queue-rows';
import { fromDbText } from './text-codec';

/** PostgreSQL keeps is_error_report as a boolean. */
type RedriveRow = RedriveRowOf<boolean>;

function rowOf(sql: Sql, id: string, isLocked = false): Promise<RedriveRow | undefined> {
  return sql.row<RedriveRow>(`SELECT * FROM redrive_jobs WHERE id = $1${isLocked ? ' FOR UPDATE' : ''}`, [id]);
}

export async function createRedrive(rows: QueueRows, sql: Sql, job: NewRedrive, nowMs: number): Promise<RedriveJob> {
  const source = await rows.findOrThrow(sql, job.projectId, job.sourceQueue);
  if (!(await rows.find(sql, job.projectId, job.targetQueue))) {
    throw new EngineError('QUEUE_NOT_FOUND', `The target queue ${JSON.stringify(job.targetQueue)} does not exist`);
  }
  const selection = job.messageIds;
  // Messages that arrive later get higher ids and stay; a dead-letter move keeps its old id and may still be taken.
  const lastId = selection === null ? await rows.lastAllocatedMessageId(sql) : Number(selection.at(-1));
  await sql.run(
    `INSERT INTO redrive_jobs (id, project_id, source, source_qid, target, is_error_report, selection, bodies, last_id, rate, state, total, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 'running', $11, $12, $12)`,
    [job.id, job.projectId, job.sourceQueue, source.qid, job.targetQueue, job.isErrorReport, selection === null ? null : JSON.stringify(selection),
      JSON.stringify(job.bodies), lastId, job.ratePerSecond, selection === null ? source.size : selection.length, nowMs],
  );
  await sql.run(
    `DELETE FROM redrive_jobs WHERE project_id = $1 AND source = $2 AND state != 'running'
       AND id NOT IN (SELECT id FROM redrive_jobs WHERE project_id = $1 AND source = $2 ORDER BY created_at DESC, id LIMIT $3)`,
    [job.projectId, job.sourceQueue, MAX_REDRIVE_HISTORY],
  );
  return toRedriveJob((await rowOf(sql, job.id))!);
}

export async function getRedrive(sql: Sql, projectId: string, id: string): Promise<RedriveJob | undefined> {
  const row = await rowOf(sql, id);
  return row && row.project_id === projectId ? toRedriveJob(row) : undefined;
}

export async function listRedrives(sql: Sql, projectId: string, sourceQueue: string, limit: number): Promise<RedriveJob[]> {
  const found = await sql.rows<RedriveRow>('SELECT * FROM redrive_jobs WHERE project_id = $1 AND source = $2 ORDER BY created_at DESC, id LIMIT $3', [projectId, sourceQueue, limit]);
  return found.map(toRedriveJob);
}

export async function cancelRedrive(sql: Sql, projectId: string, id: string, nowMs: number): Promise<RedriveJob | undefined> {
  const row = await rowOf(sql, id, true);
  if (!row || row.project_id !== projectId) return undefined;
  await sql.run(`UPDATE redrive_jobs SET state = 'cancelled', updated_at = $1, finished_at = $1 WHERE id = $2 AND state = 'running'`, [nowMs, id]);
  return toRedriveJob((await rowOf(sql, id))!);
}

/** Leases a running job nobody holds; two instances claiming at once take different jobs. */
export async function claimRedrive(sql: Sql, leaseMs: number, nowMs: number): Promise<RedriveJob | undefined> {
  const row = await sql.row<RedriveRow>(
    `SELECT * FROM redrive_jobs WHERE state = 'running' AND lease_until <= $1 ORDER BY lease_until LIMIT 1 FOR UPDATE SKIP LOCKED`,
    [nowMs],
  );
  if (!row) return undefined;
  await sql.run('UPDATE redrive_jobs SET lease_until = $1 WHERE id = $2', [nowMs + leaseMs, row.id]);
  return toRedriveJob({ ...row, lease_until: nowMs + leaseMs });
}

/** The job's next `limit` messages after its cursor: the selected ones, or the source's in id order up to last_id. */
async function nextCandidates(sql: Sql, job: RedriveRow, source: QueueRow, limit: number, nowMs: number): Promise<RedriveCandidates> {
  if (job.selection !== null) {
    const { ids, isExhausted } = nextSelected(job.selection, job.cursor, limit);
    const found = await sql.rows<MessageRow>('SELECT * FROM messages WHERE id = ANY($1::bigint[]) AND qid = $2 AND expires_at > $3 ORDER BY id FOR UPDATE', [ids, source.qid, nowMs]);
    return selectedCandidates(ids, found, job.cursor, isExhausted);
  }
  // Every state counts: ready ones and waiting ones each read their own index, locked.
  const front = await sql.rows<MessageRow>(
    `WITH ready AS (SELECT * FROM messages WHERE qid = $1 AND due_at IS NULL AND id > $2 AND expires_at > $3 ORDER BY id LIMIT $4 FOR UPDATE),
          waiting AS (SELECT * FROM messages WHERE qid = $1 AND due_at IS NOT NULL AND id > $2 AND expires_at > $3 ORDER BY id LIMIT $4 FOR UPDATE)
     SELECT * FROM ready UNION ALL SELECT * FROM waiting ORDER BY id LIMIT $4`,
    [source.qid, job.cursor, nowMs, limit],
  );
  return frontCandidates(front, job.last_id, limit);
}

async function advance(sql: Sql, job: RedriveRow, progress: RedriveProgress, leaseMs: number, nowMs: number): Promise<RedriveJob> {
  const isFinished = progress.state !== 'running';
  await sql.run(
    `UPDATE redrive_jobs SET cursor = $2, moved = moved + $3, skipped = skipped + $4, state = $5, error = $6, updated_at = $7,
       finished_at = $8, lease_until = $9 WHERE id = $1`,
    [job.id, progress.cursor, progress.moved, progress.skipped, progress.state, progress.error, nowMs, isFinished ? nowMs : null, isFinished ? 0 : nowMs + leaseMs],
  );
  return toRedriveJob((await rowOf(sql, job.id))!);
}

/** One batch: post the next messages to the target as new messages and delete them from the source. */
export async function moveBatch(rows: QueueRows, sql: Sql, id: string, limit: number, leaseMs: number, nowMs: number): Promise<RedriveBatch> {
  const job = await rowOf(sql, id, true);
  if (!job) throw invalidArgument(`No redrive job ${id}`);
  if (job.state !== 'running') return { job: toRedriveJob(job), moved: 0 };
  const stop = async (error: string) => ({ job: await advance(sql, job, { cursor: job.cursor, moved: 0, skipped: 0, state: 'failed', error }, leaseMs, nowMs), moved: 0 });
  const source = await rows.find(sql, job.project_id, job.source);
  if (!source || source.qid !== job.source_qid) return stop('The source queue was cleared or deleted while the redrive ran');
  const target = await rows.find(sql, job.project_id, job.target);
  if (!target) return stop(`The target queue ${JSON.stringify(job.target)} was deleted while the redrive ran`);

  const candidates = await nextCandidates(sql, job, source, limit, nowMs);
  const moving = movingMessages(candidates, job.bodies, job.is_error_report, (message) => fromDbText(message.body));
  const targetSettings = rows.settingsOf(target);
  let sourceAfter: QueueRow | undefined = source;
  let targetAfter: QueueRow | undefined = target;
  if (moving.length > 0) {
    const ids = await rows.allocateMessageIds(sql, moving.length);
    const posted: NewMessage[] = moving.map(({ message, body }) => ({ body, delayMs: 0, pushHeaders: message.push_headers === null ? null : JSON.parse(message.push_headers) }));
    await insertMessages(sql, target.qid, ids, posted, nowMs, targetSettings.messageExpirationMs);
    const movedIds = moving.map(({ message }) => message.id);
    await sql.run('DELETE FROM messages WHERE id = ANY($1::bigint[])', [movedIds]);
    if (rows.settingsOf(source).push) await sql.run('DELETE FROM deliveries WHERE message_id = ANY($1::bigint[])', [movedIds]);
    // A redriven message is a message like any other: a push target pushes it.
    if (targetSettings.push) await createDeliveries(sql, targetSettings, target.qid, ids.map((newId) => ({ id: newId, visibleAtMs: nowMs })));
    // Counters in qid order: two jobs moving between the same queues both ways cannot deadlock.
    for (const qid of [source.qid, target.qid].sort((a, b) => a - b)) {
      if (qid === source.qid) sourceAfter = await rows.adjustCounts(sql, source, -moving.length, 0);
      else targetAfter = await rows.adjustCounts(sql, target, moving.length, moving.length);
    }
  }
  const after = await advance(sql, job, batchProgress(candidates, moving.length), leaseMs, nowMs);
  return { job: after, moved: moving.length, source: rows.toQueue(sourceAfter ?? source), target: rows.toQueue(targetAfter ?? target) };
}
