// v3 message routes (§3): post, reserve, peek, get, delete (one, many, all), touch, release.
import { optionalArray, optionalBoolean, optionalInteger, optionalString, queryInteger } from '../fields';
import { badRequest } from '../errors';
import { reservedReply } from '../json-bytes';
import type { Call, Reply, RouteSpec } from '../router';
import { messageToWire, optionalPositiveSecondsMs, optionalSecondsMs, parseMessageRefs, parseNewMessages, reservationIdOf } from '../wire';

const ok = (body: unknown): Reply => ({ status: 200, body });

// POST /3/projects/{project}/queues/{queue}/messages — enqueue; creates the queue (§3.2)
async function postMessages({ engine, projectId, params, body, rawBody }: Call): Promise<Reply> {
  const ids = await engine.postMessages(projectId, params.queue, parseNewMessages(body, rawBody));
  return { status: 201, body: { ids, msg: 'Messages put on queue.' } };
}

// POST /3/projects/{project}/queues/{queue}/reservations — reserve, long-poll, or pop (§3.4)
async function reserveMessages({ engine, projectId, params, body, signal }: Call): Promise<Reply> {
  const messages = await engine.reserveMessages(projectId, params.queue, {
    n: optionalInteger(body, 'n') || undefined,
    timeoutMs: optionalPositiveSecondsMs(body, 'timeout'),
    waitMs: optionalSecondsMs(body, 'wait'),
    isDelete: optionalBoolean(body, 'delete'),
    signal,
  });
  return ok(reservedReply(messages));
}

// GET /3/projects/{project}/queues/{queue}/messages?n= — peek without reserving (§3.6)
async function peekMessages({ engine, projectId, params, query, body }: Call): Promise<Reply> {
  const n = queryInteger(query, 'n') ?? optionalInteger(body, 'n');
  const messages = await engine.peekMessages(projectId, params.queue, n || undefined);
  return ok({ messages: messages.map(messageToWire) });
}

// DELETE /3/projects/{project}/queues/{queue}/messages — batch delete with `ids`, else clear (§3.8)
async function deleteOrClearMessages({ engine, projectId, params, body }: Call): Promise<Reply> {
  const ids = optionalArray(body, 'ids');
  if (ids === undefined) {
    // A reservation or subscriber names one message: a client that lost the id from the path
    // meant to delete that message, and must not empty the queue instead.
    if (body.reservation_id !== undefined || body.subscriber_name !== undefined) {
      throw badRequest('A clear takes no reservation_id or subscriber_name: to delete one message, put its id in the path');
    }
    await engine.clearMessages(projectId, params.queue);
    return ok({ msg: 'Cleared' });
  }
  await engine.deleteMessages(projectId, params.queue, parseMessageRefs(ids));
  return ok({ msg: 'Deleted' });
}

// GET /3/projects/{project}/queues/{queue}/messages/{message} — one message, unchanged (§3.5)
async function getMessage({ engine, projectId, params }: Call): Promise<Reply> {
  return ok({ message: messageToWire(await engine.getMessage(projectId, params.queue, params.message)) });
}

// DELETE /3/projects/{project}/queues/{queue}/messages/{message} — delete one (§3.7), or on a
// push queue a subscriber's acknowledgement of a 202 (§4.8.5), which the engine tells apart
async function deleteMessage({ engine, projectId, params, body, query }: Call): Promise<Reply> {
  const reservationId = reservationIdOf(body) ?? (query.get('reservation_id') || undefined);
  const subscriberName = optionalString(body, 'subscriber_name') || query.get('subscriber_name') || undefined;
  await engine.deleteMessage(projectId, params.queue, { id: params.message, reservationId, subscriberName });
  return ok({ msg: 'Deleted' });
}

// POST /3/projects/{project}/queues/{queue}/messages/{message}/touch — extend a reservation (§3.9)
async function touchMessage({ engine, projectId, params, body }: Call): Promise<Reply> {
  const ref = { id: params.message, reservationId: reservationIdOf(body) };
  const touched = await engine.touchMessage(projectId, params.queue, ref, optionalPositiveSecondsMs(body, 'timeout'));
  return ok({ reservation_id: touched.reservationId, msg: 'Touched' });
}

// POST /3/projects/{project}/queues/{queue}/messages/{message}/release — back to the queue (§3.10)
async function releaseMessage({ engine, projectId, params, body }: Call): Promise<Reply> {
  const ref = { id: params.message, reservationId: reservationIdOf(body) };
  await engine.releaseMessage(projectId, params.queue, ref, optionalSecondsMs(body, 'delay') ?? 0);
  return ok({ msg: 'Released' });
}

const MESSAGES = '/3/projects/{project}/queues/{queue}/messages';
const MESSAGE = `${MESSAGES}/{message}`;

export const messageRoutes: RouteSpec[] = [
  { method: 'POST', path: MESSAGES, handler: postMessages },
  { method: 'GET', path: MESSAGES, handler: peekMessages },
  { method: 'DELETE', path: MESSAGES, handler: deleteOrClearMessages },
  { method: 'POST', path: '/3/projects/{project}/queues/{queue}/reservations', handler: reserveMessages },
  { method: 'GET', path: MESSAGE, handler: getMessage },
  { method: 'DELETE', path: MESSAGE, handler: deleteMessage },
  { method: 'POST', path: `${MESSAGE}/touch`, handler: touchMessage },
  { method: 'POST', path: `${MESSAGE}/release`, handler: releaseMessage },
];
