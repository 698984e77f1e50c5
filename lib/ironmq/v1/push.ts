// v1 push routes (§5.1, §5.3): subscribers identified by url (adding them makes a push queue),
// push statuses with per-subscriber ids, and acknowledgement by that id without reservation.
import { EngineError } from '../../engine/errors';
import type { PushStatus } from '../../engine/types';
import { badRequest } from '../errors';
import { isObject, optionalArray, optionalString, type JsonObject } from '../fields';
import type { Call, Reply, RouteSpec } from '../router';
import { postWebhook } from '../v3/push';
import { queueToWireV1 } from '../wire-v1';
import { parseSubscribersV1 } from './queue-update';

const ok = (body: unknown): Reply => ({ status: 200, body });

async function queueReply({ engine, projectId, params }: Call): Promise<Reply> {
  const queue = await engine.getQueue(projectId, params.queue);
  return ok(queueToWireV1(queue, await engine.countMessages(projectId, params.queue)));
}

function subscriberItems(body: JsonObject): unknown[] {
  const items = optionalArray(body, 'subscribers');
  if (!items) throw badRequest('subscribers must be an array');
  return items;
}

// POST /1/projects/{project}/queues/{queue}/subscribers — add by url; creates the queue, makes it push
async function addSubscribers(call: Call): Promise<Reply> {
  const { engine, projectId, params, body } = call;
  const added = parseSubscribersV1(subscriberItems(body));
  const current = await engine.findQueue(projectId, params.queue);
  if (current?.push) await engine.addSubscribers(projectId, params.queue, added);
  else await engine.createQueue(projectId, params.queue, { type: 'multicast', push: { subscribers: added, apiVersion: 1 } }, true);
  return queueReply(call);
}

// DELETE /1/projects/{project}/queues/{queue}/subscribers — remove by url
async function removeSubscribers(call: Call): Promise<Reply> {
  const removed = subscriberItems(call.body).map((item) => {
    const url = isObject(item) ? optionalString(item, 'url') : undefined;
    if (!url) throw badRequest('Each subscriber needs a url');
    return { url };
  });
  await call.engine.removeSubscribers(call.projectId, call.params.queue, removed);
  return queueReply(call);
}

/** v1 lists only subscribers that were tried (a unicast message shows one, §5.3). */
function statusToWireV1(status: PushStatus, index: number): JsonObject {
  return {
    id: String(index),
    url: status.url,
    status: status.status,
    status_code: status.statusCode,
    retries_remaining: status.retriesRemaining,
    retries_delay: Math.round(status.retriesDelayMs / 1000),
    retried: status.tries,
  };
}

// GET /1/projects/{project}/queues/{queue}/messages/{message}/subscribers — push statuses
async function getPushStatuses({ engine, projectId, params }: Call): Promise<Reply> {
  const statuses = await engine.getPushStatuses(projectId, params.queue, params.message);
  const queue = await engine.getQueue(projectId, params.queue);
  const shown = statuses.map(statusToWireV1).filter((_, i) => queue.type !== 'unicast' || statuses[i].tries > 0);
  return ok({ subscribers: shown });
}

// DELETE /1/projects/{project}/queues/{queue}/messages/{message}/subscribers/{subscriber} — ack a 202
async function acknowledge({ engine, projectId, params }: Call): Promise<Reply> {
  const statuses = await engine.getPushStatuses(projectId, params.queue, params.message);
  const status = /^\d+$/.test(params.subscriber) ? statuses[Number(params.subscriber)] : undefined;
  if (!status) throw new EngineError('MESSAGE_NOT_FOUND');
  await engine.acknowledgeDelivery(projectId, params.queue, {
    messageId: params.message,
    subscriberName: status.subscriberName,
    reservationId: undefined,
    isReservationIgnored: true,
  });
  return ok({ msg: 'Deleted' });
}

const QUEUE = '/1/projects/{project}/queues/{queue}';

export const pushRoutesV1: RouteSpec[] = [
  { method: 'POST', path: `${QUEUE}/messages/webhook`, handler: postWebhook, isRawBody: true },
  { method: 'POST', path: `${QUEUE}/subscribers`, handler: addSubscribers },
  { method: 'DELETE', path: `${QUEUE}/subscribers`, handler: removeSubscribers },
  { method: 'GET', path: `${QUEUE}/messages/{message}/subscribers`, handler: getPushStatuses },
  { method: 'DELETE', path: `${QUEUE}/messages/{message}/subscribers/{subscriber}`, handler: acknowledge },
];
