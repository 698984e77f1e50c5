// v1 queue routes (§5.1): bare-array listing, bare queue objects, flat update that creates,
// `Deleted.` on delete, and clear through POST /clear.
import type { Call, Reply, RouteSpec } from '../router';
import { queryInteger } from '../fields';
import { parseQueueUpdateV1, queueToWireV1 } from '../wire-v1';

const ok = (body: unknown): Reply => ({ status: 200, body });

async function queueReply({ engine, projectId }: Call, name: string): Promise<Reply> {
  const queue = await engine.getQueue(projectId, name);
  return ok(queueToWireV1(queue, await engine.countMessages(projectId, name)));
}

// GET /1/projects/{project}/queues?page=&per_page= — a bare array of {id, project_id, name}
async function listQueues({ engine, projectId, query }: Call): Promise<Reply> {
  const names = await engine.listQueues(projectId, {
    page: queryInteger(query, 'page'),
    perPage: queryInteger(query, 'per_page') || undefined,
  });
  const queues = await Promise.all(names.map((name) => engine.findQueue(projectId, name)));
  return ok(queues.flatMap((queue) => (queue ? [{ id: queue.id, project_id: queue.projectId, name: queue.name }] : [])));
}

// GET /1/projects/{project}/queues/{queue} — the bare queue object with `reserved`
function getQueue(call: Call): Promise<Reply> {
  return queueReply(call, call.params.queue);
}

// POST /1/projects/{project}/queues/{queue} — flat update; creates the queue (§4.7)
async function updateQueue(call: Call): Promise<Reply> {
  const { engine, projectId, params, body } = call;
  await engine.createQueue(projectId, params.queue, parseQueueUpdateV1(body), { rules: 'v1' });
  return queueReply(call, params.queue);
}

// DELETE /1/projects/{project}/queues/{queue}
async function deleteQueue({ engine, projectId, params }: Call): Promise<Reply> {
  await engine.deleteQueue(projectId, params.queue);
  return ok({ msg: 'Deleted.' });
}

// POST /1/projects/{project}/queues/{queue}/clear
async function clearQueue({ engine, projectId, params }: Call): Promise<Reply> {
  await engine.clearMessages(projectId, params.queue);
  return ok({ msg: 'Cleared' });
}

const QUEUES = '/1/projects/{project}/queues';
const QUEUE = `${QUEUES}/{queue}`;

export const queueRoutesV1: RouteSpec[] = [
  { method: 'GET', path: QUEUES, handler: listQueues },
  { method: 'GET', path: QUEUE, handler: getQueue },
  { method: 'POST', path: QUEUE, handler: updateQueue },
  { method: 'DELETE', path: QUEUE, handler: deleteQueue },
  { method: 'POST', path: `${QUEUE}/clear`, handler: clearQueue },
];
