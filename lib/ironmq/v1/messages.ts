// v1 message routes (§5.1): GET /messages reserves, /messages/peek peeks, and delete, touch
// and release need no reservation id. Reads on a missing queue answer empty (§4.7).
import { EngineError } from '../../engine/errors';
import { badRequest } from '../errors';
import { optionalArray, queryInteger } from '../fields';
import { optionalSecondsMs, querySecondsMs } from '../wire';
import type { Call, Reply, RouteSpec } from '../router';
import { messageToWireV1, parseIdsV1, parseNewMessagesV1, reservedToWireV1 } from '../wire-v1';

const ok = (body: unknown): Reply => ({ status: 200, body });

/** v1 answers reads of a queue that does not exist with an empty list (Node issue #37). */
async function emptyIfMissing<T>(work: Promise<T[]>): Promise<T[]> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof EngineError && error.code === 'QUEUE_NOT_FOUND') return [];
    throw error;
  }
}

// POST /1/projects/{project}/queues/{queue}/messages — enqueue with per-message timeout/expiry
async function postMessages({ engine, projectId, params, body }: Call): Promise<Reply> {
  const ids = await engine.postMessages(projectId, params.queue, parseNewMessagesV1(body));
  return { status: 201, body: { ids, msg: 'Messages put on queue.' } };
}

// GET /1/projects/{project}/queues/{queue}/messages?n=&timeout=&wait=&delete= — reserve
async function reserveMessages({ engine, projectId, params, query, signal }: Call): Promise<Reply> {
  const request = engine.reserveMessages(projectId, params.queue, {
    n: queryInteger(query, 'n') || undefined,
    timeoutMs: querySecondsMs(query, 'timeout'),
    waitMs: querySecondsMs(query, 'wait'),
    isDelete: query.get('delete') === 'true',
    signal,
  });
  return ok({ messages: (await emptyIfMissing(request)).map(reservedToWireV1) });
}

// GET /1/projects/{project}/queues/{queue}/messages/peek?n= — look without reserving
async function peekMessages({ engine, projectId, params, query }: Call): Promise<Reply> {
  // The queue's timeout stands in for messages posted without their own (v1's `timeout` field).
  const queue = await engine.findQueue(projectId, params.queue);
  if (!queue) return ok({ messages: [] });
  const peeked = await emptyIfMissing(engine.peekMessages(projectId, params.queue, queryInteger(query, 'n') || undefined));
  return ok({ messages: peeked.map((message) => messageToWireV1(message, queue.messageTimeoutMs)) });
}

// GET /1/projects/{project}/queues/{queue}/messages/{message} — the bare message with status
async function getMessage({ engine, projectId, params }: Call): Promise<Reply> {
  const queue = await engine.getQueue(projectId, params.queue);
  const message = await engine.getMessage(projectId, params.queue, params.message);
  return ok(messageToWireV1(message, queue.messageTimeoutMs));
}

// DELETE /1/projects/{project}/queues/{queue}/messages/{message} — no reservation needed
async function deleteMessage({ engine, projectId, params }: Call): Promise<Reply> {
  await engine.deleteMessage(projectId, params.queue, { id: params.message, isReservationIgnored: true });
  return ok({ msg: 'Deleted' });
}

// DELETE /1/projects/{project}/queues/{queue}/messages — batch delete; v1 clears only via /clear
async function deleteMessages({ engine, projectId, params, body }: Call): Promise<Reply> {
  const ids = optionalArray(body, 'ids');
  if (!ids) throw badRequest('ids must be an array of message ids');
  const refs = parseIdsV1(ids).map((id) => ({ id, isReservationIgnored: true }));
  await engine.deleteMessages(projectId, params.queue, refs);
  return ok({ msg: 'Deleted' });
}

// POST /1/projects/{project}/queues/{queue}/messages/{message}/touch — extend the reservation
async function touchMessage({ engine, projectId, params }: Call): Promise<Reply> {
  await engine.touchMessage(projectId, params.queue, { id: params.message, isReservationIgnored: true });
  return ok({ msg: 'Touched' });
}

// POST /1/projects/{project}/queues/{queue}/messages/{message}/release — back to the queue
async function releaseMessage({ engine, projectId, params, body }: Call): Promise<Reply> {
  const ref = { id: params.message, isReservationIgnored: true };
  await engine.releaseMessage(projectId, params.queue, ref, optionalSecondsMs(body, 'delay') ?? 0);
  return ok({ msg: 'Released' });
}

const MESSAGES = '/1/projects/{project}/queues/{queue}/messages';
const MESSAGE = `${MESSAGES}/{message}`;

// Literal paths (peek) come before the {message} parameter that would also match them.
export const messageRoutesV1: RouteSpec[] = [
  { method: 'POST', path: MESSAGES, handler: postMessages },
  { method: 'GET', path: MESSAGES, handler: reserveMessages },
  { method: 'DELETE', path: MESSAGES, handler: deleteMessages },
  { method: 'GET', path: `${MESSAGES}/peek`, handler: peekMessages },
  { method: 'GET', path: MESSAGE, handler: getMessage },
  { method: 'DELETE', path: MESSAGE, handler: deleteMessage },
  { method: 'POST', path: `${MESSAGE}/touch`, handler: touchMessage },
  { method: 'POST', path: `${MESSAGE}/release`, handler: releaseMessage },
];
