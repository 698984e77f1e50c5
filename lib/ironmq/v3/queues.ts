// v3 queue routes (§2): list, create-or-update, info, update, delete.
import { queryInteger } from '../fields';
import type { Call, Reply, RouteSpec } from '../router';
import { parseQueuePatch, queueToWire } from '../wire';

const ok = (body: unknown): Reply => ({ status: 200, body });

// GET /3/projects/{project}/queues — names only, ascending, per_page/previous/prefix (§2.6)
async function listQueues({ engine, projectId, query }: Call): Promise<Reply> {
  const names = await engine.listQueues(projectId, {
    prefix: query.get('prefix') ?? undefined,
    previous: query.get('previous') ?? undefined,
    perPage: queryInteger(query, 'per_page') || undefined,
  });
  return ok({ queues: names.map((name) => ({ name })) });
}

// PUT /3/projects/{project}/queues/{queue} — create, or update an existing queue (§2.2)
async function createQueue({ engine, projectId, params, body }: Call): Promise<Reply> {
  const queue = await engine.createQueue(projectId, params.queue, parseQueuePatch(body));
  return ok({ queue: queueToWire(queue, { hasCounters: false }) });
}

// GET /3/projects/{project}/queues/{queue} — queue info (§2.3)
async function getQueue({ engine, projectId, params }: Call): Promise<Reply> {
  return ok({ queue: queueToWire(await engine.getQueue(projectId, params.queue)) });
}

// GET /3/projects/{project}/queues/{queue}/info — queue info without counters (§2.10)
async function getQueueInfo({ engine, projectId, params }: Call): Promise<Reply> {
  return ok({ queue: queueToWire(await engine.getQueue(projectId, params.queue), { hasCounters: false }) });
}

// PATCH /3/projects/{project}/queues/{queue} — update an existing queue (§2.4); POST is an alias
async function updateQueue({ engine, projectId, params, body }: Call): Promise<Reply> {
  const queue = await engine.updateQueue(projectId, params.queue, parseQueuePatch(body));
  return ok({ queue: queueToWire(queue) });
}

// DELETE /3/projects/{project}/queues/{queue} — delete a queue and its messages (§2.5)
async function deleteQueue({ engine, projectId, params }: Call): Promise<Reply> {
  await engine.deleteQueue(projectId, params.queue);
  return ok({ msg: 'Deleted' });
}

const QUEUES = '/3/projects/{project}/queues';
const QUEUE = `${QUEUES}/{queue}`;

export const queueRoutes: RouteSpec[] = [
  { method: 'GET', path: QUEUES, handler: listQueues },
  { method: 'PUT', path: QUEUE, handler: createQueue },
  { method: 'GET', path: QUEUE, handler: getQueue },
  { method: 'PATCH', path: QUEUE, handler: updateQueue },
  { method: 'POST', path: QUEUE, handler: updateQueue },
  { method: 'DELETE', path: QUEUE, handler: deleteQueue },
  { method: 'GET', path: `${QUEUE}/info`, handler: getQueueInfo },
];
