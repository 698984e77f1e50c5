// Redrive jobs in the SQLite store (lib/engine/redrive.ts). Every function runs inside one
// group-commit savepoint, so a batch's posts to the target, deletes from the source and the job's
// new cursor commit together or not at all: a message is never moved twice, and never lost.
import { EngineError, invalidArgument } from '../errors';
import { MAX_REDRIVE_HISTORY } from '../limits';
import type { NewRedrive, RedriveBatch, RedriveJob } from '../redrive';
import { batchProgress, frontCandidates, movingMessages, nextSelected, selectedCandidates, toRedriveJob, type RedriveCandidates, type RedriveProgress } from '../redrive-batch';
import type { RedriveRow } from './operator-statements';
import { browseFront } from './message-fronts';
import { createDeliveries } from './push-ops';
import { leavingCounts, type QueueRows } from './queue-rows';
import { STATE_READY, type MessageRow, type QueueRow } from './statements';

function rowOf(rows: QueueRows, id: string): RedriveRow | undefined {
  return rows.operatorSql.redriveById.get(id) as RedriveRow | undefined;
}

export function createRedrive(rows: QueueRows, job: NewRedrive, nowMs: number): RedriveJob {
  const source = rows.findOrThrow(job.projectId, job.sourceQueue);
  if (!rows.find(job.projectId, job.targetQueue)) {
    throw new EngineError('QUEUE_NOT_FOUND', `The target queue ${JSON.stringify(job.targetQueue)} does not exist`);
  }
  const selection = job.messageIds;
  rows.operatorSql.insertRedrive.run({
    id: job.id,
    project_id: job.projectId,
    source: job.sourceQueue,
    source_qid: source.qid,
    target: job.targetQueue,
    is_error_report: job.isErrorReport ? 1 : 0,
    selection: selection === null ? null : JSON.stringify(selection),
    bodies: JSON.stringify(job.bodies),
    // Messages that arrive later get higher ids and stay; a dead-letter move keeps its old id and may still be taken.
    last_id: selection === null ? rows.lastAllocatedMessageId : Number(selection.at(-1)),
    rate: job.ratePerSecond,
    total: selection === null ? source.size : selection.length,
    created_at: nowMs,
  });
  rows.operatorSql.pruneRedrives.run({ projectId: job.projectId, source: job.sourceQueue, keep: MAX_REDRIVE_HISTORY });
  return toRedriveJob(rowOf(rows, job.id)!);
}

export function getRedrive(rows: QueueRows, projectId: string, id: string): RedriveJob | undefined {
  const row = rowOf(rows, id);
  return row && row.project_id === projectId ? toRedriveJob(row) : undefined;
}

export function listRedrives(rows: QueueRows, projectId: string, sourceQueue: string, limit: number): RedriveJob[] {
  return (rows.operatorSql.redrivesOfSource.all(projectId, sourceQueue, limit) as RedriveRow[]).map(toRedriveJob);
}

export function cancelRedrive(rows: QueueRows, projectId: string, id: string, nowMs: number): RedriveJob | undefined {
  const row = rowOf(rows, id);
  if (!row || row.project_id !== projectId) return undefined;
  rows.operatorSql.cancelRedrive.run(nowMs, nowMs, id);
  return toRedriveJob(rowOf(rows, id)!);
}

export function claimRedrive(rows: QueueRows, leaseMs: number, nowMs: number): RedriveJob | undefined {
  const row = rows.operatorSql.claimableRedrive.get(nowMs) as RedriveRow | undefined;
  if (!row) return undefined;
  rows.operatorSql.leaseRedrive.run(nowMs + leaseMs, row.id);
  return toRedriveJob({ ...row, lease_until: nowMs + leaseMs });
}

/** The job's next `limit` messages after its cursor: the selected ones, or the source's in id order up to last_id. */
function nextCandidates(rows: QueueRows, job: RedriveRow, source: QueueRow, limit: number, nowMs: number): RedriveCandidates {
  if (job.selection !== null) {
    const { ids, isExhausted } = nextSelected(job.selection, job.cursor, limit);
    const found = ids.map((id) => (rows.sql.messageById.get(id, source.qid) ?? rows.chunks.find(source.qid, id, nowMs) ?? rows.held.find(source.qid, id, nowMs)) as MessageRow | undefined);
    return selectedCandidates(ids, found.filter((row): row is MessageRow => row !== undefined && row.expires_at > nowMs), job.cursor, isExhausted);
  }
  return frontCandidates(browseFront(rows, source.qid, job.cursor, limit, nowMs), job.last_id, limit);
}

function advance(rows: QueueRows, job: RedriveRow, progress: RedriveProgress, leaseMs: number, nowMs: number): RedriveJob {
  const isFinished = progress.state !== 'running';
  rows.operatorSql.advanceRedrive.run({
    id: job.id,
    ...progress,
    now: nowMs,
    finished_at: isFinished ? nowMs : null,
    lease_until: isFinished ? 0 : nowMs + leaseMs,
  });
  return toRedriveJob(rowOf(rows, job.id)!);
}

/** One batch: post the next messages to the target as new messages and delete them from the source. */
export function moveBatch(rows: QueueRows, id: string, limit: number, leaseMs: number, nowMs: number): RedriveBatch {
  const job = rowOf(rows, id);
  if (!job) throw invalidArgument(`No redrive job ${id}`);
  if (job.state !== 'running') return { job: toRedriveJob(job), moved: 0 };
  const stop = (error: string) => ({ job: advance(rows, job, { cursor: job.cursor, moved: 0, skipped: 0, state: 'failed', error }, leaseMs, nowMs), moved: 0 });
  const source = rows.find(job.project_id, job.source);
  if (!source || source.qid !== job.source_qid) return stop('The source queue was cleared or deleted while the redrive ran');
  const target = rows.find(job.project_id, job.target);
  if (!target) return stop(`The target queue ${JSON.stringify(job.target)} was deleted while the redrive ran`);

  const candidates = nextCandidates(rows, job, source, limit, nowMs);
  const moving = movingMessages(candidates, job.bodies, job.is_error_report === 1);
  const targetSettings = rows.settingsOf(target);
  const firstId = moving.length > 0 ? rows.allocateMessageIds(moving.length, nowMs) : 0;
  const isSourcePush = rows.settingsOf(source).push !== null;
  moving.forEach(({ message, body }, i) => {
    const expiresAtMs = nowMs + targetSettings.messageExpirationMs;
    rows.sql.insertMessage.run(firstId + i, target.qid, body, STATE_READY, null, nowMs, expiresAtMs, null, message.push_headers);
    rows.deleteMessage(source.qid, message.id, message.state);
    if (isSourcePush) rows.sql.deleteDeliveries.run(message.id);
  });
  if (moving.length > 0) {
    rows.adjustCounts(source.qid, leavingCounts(moving.map(({ message }) => message.state)));
    rows.adjustCounts(target.qid, { size: moving.length, total: moving.length });
    // A redriven message is a message like any other: a push target pushes it.
    if (targetSettings.push) createDeliveries(rows, targetSettings, target.qid, moving.map((_, i) => ({ id: firstId + i, visibleAtMs: nowMs })));
  }
  const after = advance(rows, job, batchProgress(candidates, moving.length), leaseMs, nowMs);
  return { job: after, moved: moving.length, source: rows.queueOf(source.qid), target: rows.queueOf(target.qid) };
}
