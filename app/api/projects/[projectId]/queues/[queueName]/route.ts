// One queue: its settings and counters by state, update its settings, delete it.
import { assertBodyNames, readJsonObject } from '@/lib/bff/parse';
import { queuePatchFromBody } from '@/lib/bff/queue-input';
import { bffRoute, json } from '@/lib/bff/route';
import { queueDetail } from '@/lib/bff/views';

type Params = { projectId: string; queueName: string };

// GET /api/projects/{projectId}/queues/{queueName} — settings and counts by state
export const GET = bffRoute<Params>(async ({ params, engine }) => {
  const queue = await engine.getQueue(params.projectId, params.queueName);
  return json(queueDetail(queue, await engine.countMessages(params.projectId, params.queueName)));
});

// PATCH /api/projects/{projectId}/queues/{queueName} — change settings; absent fields stay
export const PATCH = bffRoute<Params>(async ({ request, params, engine }) => {
  const patch = queuePatchFromBody(await readJsonObject(request));
  const queue = await engine.updateQueue(params.projectId, params.queueName, patch);
  return json(queueDetail(queue, await engine.countMessages(params.projectId, params.queueName)));
});

// DELETE /api/projects/{projectId}/queues/{queueName} {"queue"} — delete with every message
export const DELETE = bffRoute<Params>(async ({ request, params, engine }) => {
  await assertBodyNames(request, 'queue', params.queueName, 'Deleting a queue');
  await engine.deleteQueue(params.projectId, params.queueName);
  return json({ msg: 'Deleted' });
});
