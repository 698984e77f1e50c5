// v1 push routes (§5.1, §5.3): subscribers identified by url (adding them makes a push queue),
// push statuses with per-subscriber ids, and acknowledgement by that id without reservation.
import { badRequest } from '../errors';
import { isObject, optionalArray, optionalString, type JsonObject } from '../fields';
import type { Call, Reply, RouteSpec } from '../router';
import { postWebhook } from '../v3/push';
import { parseSubscribersV1, pushStatusToWireV1, queueToWireV1 } from '../wire-v1';

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
  await engine.addSubscribers(projectId, params.queue, parseSubscribersV1(subscriberItems(body)), { rules: 'v1' });
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

// GET /1/projects/{project}/queues/{queue}/messages/{message}/subscribers — push statuses
async function getPushStatuses({ engine, projectId, params }: Call): Promise<Reply> {
  const statuses = await engine.getPushStatuses(projectId, params.queue, params.message);
  const queue = await engine.getQueue(projectId, params.queue);
  // v1 lists only subscribers that were tried (a unicast message shows one, §5.3).
  const shown = statuses.filter((status) => queue.type !== 'unicast' || status.tries > 0).map(pushStatusToWireV1);
  return ok({ subscribers: shown });
}

// DELETE /1/projects/{project}/queues/{queue}/messages/{message}/subscribers/{subscriber} — ack a 202
// by the subscriber id the push carried (Iron-Subscriber-Message-Id); the store finds the delivery.
async function acknowledge({ engine, projectId, params }: Call): Promise<Reply> {
  await engine.acknowledgeDelivery(projectId, params.queue, { messageId: params.message, subscriberId: params.subscriber, reservationId: undefined, isReservationIgnored: true });
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
