// Redrive: moving messages out of a dead-letter or error queue, back to the queue they failed in
// (or any queue of the project), as a durable job that the store advances one batch at a time.
// Each batch — post to the target, delete from the source, advance the job — is one atomic store
// operation, so every message moves exactly once, and after a restart the job resumes where its
// last batch ended. The messages arrive in the target as new messages (new ids, reserved_count 0,
// expiry from the target's settings), so a redriven message starts over instead of going straight
// back to the dead-letter queue.
//
//   running ──(every message up to the job's last id handled)──► done
//      ├──(the source was cleared or deleted, or the target deleted)──► failed
//      └──(cancel)──► cancelled        Messages moved before a cancel or failure stay moved.
import { invalidArgument } from './errors';
import { failedMessageBody } from './push-reports';
import { MAX_REDRIVE_BATCH, MAX_REDRIVE_RATE, MAX_REDRIVE_SELECTION, checkCount, checkQueueName } from './limits';
import type { Queue } from './types';

export type RedriveState = 'running' | 'done' | 'cancelled' | 'failed';

/** What a person asks for. */
export interface RedriveRequest {
  targetQueue: string;
  /** Only these messages; absent: every message the source holds when the job starts. */
  messageIds?: string[];
  /** Replacement bodies for some of the selected messages, by message id. */
  bodies?: Record<string, string>;
  /** Messages moved per second at most. */
  ratePerSecond: number;
  /**
   * The source is an error queue: what goes back is the failed message inside each report
   * (§4.8.6), not the report; a message that is not a report stays where it is.
   */
  isErrorReport: boolean;
}

/** A checked request, as the store records it. */
export interface NewRedrive {
  id: string;
  projectId: string;
  sourceQueue: string;
  targetQueue: string;
  /** Ascending, distinct; null for every message. */
  messageIds: string[] | null;
  bodies: Record<string, string>;
  ratePerSecond: number;
  isErrorReport: boolean;
}

export interface RedriveJob {
  /** 24 lowercase hex characters. */
  id: string;
  projectId: string;
  sourceQueue: string;
  targetQueue: string;
  state: RedriveState;
  isErrorReport: boolean;
  /** Whether the job moves a selection rather than the whole queue. */
  isSelection: boolean;
  ratePerSecond: number;
  /** Messages the job set out to move: the source's size when it started, or the selection (count). */
  total: number;
  moved: number;
  /** Messages left alone: gone before their turn, or (isErrorReport) not an error report (count). */
  skipped: number;
  /** Why a failed job stopped. */
  error: string | null;
  createdAtMs: number;
  updatedAtMs: number;
  finishedAtMs: number | null;
}

/** What one batch did, with both queues as it left them (for the change signal). */
export interface RedriveBatch {
  job: RedriveJob;
  moved: number;
  source?: Queue;
  target?: Queue;
}

const MESSAGE_ID = /^[1-9][0-9]{0,15}$/;

/** Checks a request against the limits; returns the selection in id order. Throws INVALID_ARGUMENT. */
export function checkRedriveRequest(sourceQueue: string, request: RedriveRequest, maxMessageBytes: number): Omit<NewRedrive, 'id' | 'projectId'> {
  const targetQueue = checkQueueName(request.targetQueue, 'The target queue');
  if (targetQueue === sourceQueue) throw invalidArgument('A queue cannot be redriven into itself: choose another target queue');
  checkCount('rate', request.ratePerSecond, 1, MAX_REDRIVE_RATE);
  const ids = request.messageIds;
  if (ids !== undefined) {
    if (ids.length === 0) throw invalidArgument('Select at least one message to redrive');
    if (ids.length > MAX_REDRIVE_SELECTION) throw invalidArgument(`At most ${MAX_REDRIVE_SELECTION} messages can be selected at once`);
    const bad = ids.find((id) => !MESSAGE_ID.test(id));
    if (bad !== undefined) throw invalidArgument(`Not a message id: ${JSON.stringify(bad)}`);
  }
  const messageIds = ids === undefined ? null : [...new Set(ids)].sort((a, b) => Number(a) - Number(b));
  const bodies = request.bodies ?? {};
  for (const [id, body] of Object.entries(bodies)) {
    if (!messageIds?.includes(id)) throw invalidArgument(`A new body is given for message ${id}, which is not selected`);
    if (Buffer.byteLength(body, 'utf8') > maxMessageBytes) throw invalidArgument(`Message body must be at most ${maxMessageBytes} bytes`);
  }
  return { sourceQueue, targetQueue, messageIds, bodies, ratePerSecond: request.ratePerSecond, isErrorReport: request.isErrorReport };
}

/** The body a message is moved with: an edit wins; from an error queue, the failed message inside the report. */
export function redrivenBody(body: string, edited: string | undefined, isErrorReport: boolean): string | undefined {
  if (edited !== undefined) return edited;
  return isErrorReport ? failedMessageBody(body) : body;
}

/**
 * Messages per batch for a rate: a slow job moves small batches about twenty times a second, so its
 * progress is smooth; a fast one moves full batches (MAX_REDRIVE_BATCH) as often as its rate needs.
 */
export function redriveBatchSize(ratePerSecond: number): number {
  return Math.min(Math.max(Math.round(ratePerSecond / 20), 1), MAX_REDRIVE_BATCH);
}
