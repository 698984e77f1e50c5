// v3 push-queue routes: subscriber list edits (§2.7), push statuses (§3.11) and the webhook
// (§3.3). Acknowledgements of 202s arrive as message deletes (see messages.ts).
import { pushHeadersProblem } from '../../engine/limits';
import { badRequest } from '../errors';
import { decodeUtf8, isObject, optionalArray, optionalString, type JsonObject } from '../fields';
import type { Call, Reply, RouteSpec } from '../router';
import { parseSubscriber, pushStatusToWire } from '../wire';

const ok = (body: unknown): Reply => ({ status: 200, body });
const UPDATED = ok({ msg: 'Updated' });

function subscribersOf(body: JsonObject) {
  const items = optionalArray(body, 'subscribers');
  if (!items) throw badRequest('subscribers must be an array');
  return items;
}

// POST /3/projects/{project}/queues/{queue}/subscribers — add, or update by name
async function addSubscribers({ engine, projectId, params, body }: Call): Promise<Reply> {
  await engine.addSubscribers(projectId, params.queue, subscribersOf(body).map(parseSubscriber));
  return UPDATED;
}

// PUT /3/projects/{project}/queues/{queue}/subscribers — replace the list
async function replaceSubscribers({ engine, projectId, params, body }: Call): Promise<Reply> {
  await engine.replaceSubscribers(projectId, params.queue, subscribersOf(body).map(parseSubscriber));
  return UPDATED;
}

// DELETE /3/projects/{project}/queues/{queue}/subscribers — remove by name (or url)
async function removeSubscribers({ engine, projectId, params, body }: Call): Promise<Reply> {
  const removed = subscribersOf(body).map((item) => {
    if (!isObject(item)) throw badRequest('Each subscriber must be an object with a name or url');
    return { name: optionalString(item, 'name'), url: optionalString(item, 'url') };
  });
  await engine.removeSubscribers(projectId, params.queue, removed);
  return UPDATED;
}

// GET /3/projects/{project}/queues/{queue}/messages/{message}/subscribers — push statuses
async function getPushStatuses({ engine, projectId, params }: Call): Promise<Reply> {
  const statuses = await engine.getPushStatuses(projectId, params.queue, params.message);
  return ok({ subscribers: statuses.map(pushStatusToWire) });
}

/** `X-Subscribers-<Name>` headers become push headers; ones §3.2 forbids are dropped silently. */
function webhookPushHeaders(headers: Call['headers']): Record<string, string> | null {
  const pushHeaders: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    const match = /^x-subscribers-(.+)$/i.exec(name);
    if (!match || typeof value !== 'string') continue;
    if (pushHeadersProblem({ ...pushHeaders, [match[1]]: value }) === undefined) pushHeaders[match[1]] = value;
  }
  return Object.keys(pushHeaders).length > 0 ? pushHeaders : null;
}

// POST /3/projects/{project}/queues/{queue}/webhook — the raw body becomes one message (§3.3)
export async function postWebhook({ engine, projectId, params, rawBody, headers }: Call): Promise<Reply> {
  const body = decodeUtf8(rawBody);
  const ids = await engine.postMessages(projectId, params.queue, [{ body, pushHeaders: webhookPushHeaders(headers) }]);
  return { status: 201, body: { ids, msg: 'Messages put on queue.' } };
}

const QUEUE = '/3/projects/{project}/queues/{queue}';

export const pushRoutes: RouteSpec[] = [
  { method: 'POST', path: `${QUEUE}/subscribers`, handler: addSubscribers },
  { method: 'PUT', path: `${QUEUE}/subscribers`, handler: replaceSubscribers },
  { method: 'DELETE', path: `${QUEUE}/subscribers`, handler: removeSubscribers },
  { method: 'GET', path: `${QUEUE}/messages/{message}/subscribers`, handler: getPushStatuses },
  { method: 'POST', path: `${QUEUE}/webhook`, handler: postWebhook, isRawBody: true },
  { method: 'POST', path: `${QUEUE}/messages/webhook`, handler: postWebhook, isRawBody: true },
];
