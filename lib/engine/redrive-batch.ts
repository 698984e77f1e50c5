// What one redrive batch does, worked out the same way by both stores from the rows they read:
// which messages are next after the job's cursor, which of them move (and with what body), and
// how the job advances; and the job's row, column for column in both schemas. The stores only
// read, write and lock.
import { redrivenBody, type RedriveJob, type RedriveState } from './redrive';
import type { MessageRow } from './stored-rows';

/** A redrive job's row; `is_error_report` is 0/1 in SQLite and a boolean in PostgreSQL. */
export interface RedriveRowOf<Flag extends number | boolean> {
  id: string;
  project_id: string;
  source: string;
  source_qid: number;
  target: string;
  is_error_report: Flag;
  selection: string | null;
  bodies: string;
  last_id: number;
  cursor: number;
  rate: number;
  state: string;
  total: number;
  moved: number;
  skipped: number;
  error: string | null;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  lease_until: number;
}

export function toRedriveJob(row: RedriveRowOf<number | boolean>): RedriveJob {
  return {
    id: row.id,
    projectId: row.project_id,
    sourceQueue: row.source,
    targetQueue: row.target,
    state: row.state as RedriveState,
    isErrorReport: row.is_error_report === true || row.is_error_report === 1,
    isSelection: row.selection !== null,
    ratePerSecond: row.rate,
    total: row.total,
    moved: row.moved,
    skipped: row.skipped,
    error: row.error,
    createdAtMs: row.created_at,
    updatedAtMs: row.updated_at,
    finishedAtMs: row.finished_at,
  };
}

export interface RedriveCandidates {
  messages: MessageRow[];
  /** Selected messages that are gone (deleted, consumed, expired): counted as skipped. */
  missing: number;
  /** The cursor once this batch is done. */
  handledUpTo: number;
  isExhausted: boolean;
}

export interface RedriveProgress {
  cursor: number;
  moved: number;
  skipped: number;
  state: RedriveState;
  error: string | null;
}

/** A selection job's next ids after its cursor (`selection` is the job's JSON list of ids). */
export function nextSelected(selection: string, cursor: number, limit: number): { ids: number[]; isExhausted: boolean } {
  const pending = (JSON.parse(selection) as string[]).map(Number).filter((id) => id > cursor);
  return { ids: pending.slice(0, limit), isExhausted: pending.length <= limit };
}

/** Candidates of a selection job from the rows found of `ids` (live ones only). */
export function selectedCandidates(ids: number[], found: MessageRow[], cursor: number, isExhausted: boolean): RedriveCandidates {
  return { messages: found, missing: ids.length - found.length, handledUpTo: ids.at(-1) ?? cursor, isExhausted };
}

/**
 * Candidates of a whole-queue job from the source's next `limit` messages in id order (every
 * state): messages posted after the job began (id above `lastId`) end it.
 */
export function frontCandidates(front: MessageRow[], lastId: number, limit: number): RedriveCandidates {
  const messages = front.filter((row) => row.id <= lastId);
  const isExhausted = front.length < limit || messages.length < front.length;
  return { messages, missing: 0, handledUpTo: isExhausted ? lastId : messages.at(-1)!.id, isExhausted };
}

/** The candidates that move, each with the body it gets in the target (`bodies`: the job's JSON edits by id). */
export function movingMessages(
  candidates: RedriveCandidates,
  bodies: string,
  isErrorReport: boolean,
  bodyOf: (row: MessageRow) => string = (row) => row.body,
): Array<{ message: MessageRow; body: string }> {
  const edits = JSON.parse(bodies) as Record<string, string>;
  return candidates.messages
    .map((message) => ({ message, body: redrivenBody(bodyOf(message), edits[String(message.id)], isErrorReport) }))
    .filter((item): item is { message: MessageRow; body: string } => item.body !== undefined);
}

/** How the job stands after a batch that moved `moved` of its candidates. */
export function batchProgress(candidates: RedriveCandidates, moved: number): RedriveProgress {
  return {
    cursor: candidates.handledUpTo,
    moved,
    skipped: candidates.missing + candidates.messages.length - moved,
    state: candidates.isExhausted ? 'done' : 'running',
    error: null,
  };
}
