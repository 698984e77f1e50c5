// One queue: its settings, counters by state and links to its dead-letter and error queues and
// their sources; update its settings; delete it.
import { assertBodyNames, readJsonObject } from '@/lib/bff/parse';
import { queuePatchFromBody } from '@/lib/bff/queue-input';
import { relationsOfQueue } from '@/lib/bff/queue-relations';
import { bffRoute, json } from '@/lib/bff/route';
import { assertSubscribersAllowed } from '@/lib/bff/subscriber-policy';
import { queueDetail } from '@/lib/bff/views';

type Params = { projectId: string; queueName: string };

// GET /api/projects/{projectId}/queues/{queueName} — settings, counts by state and relations
export const GET = bffRoute<Params>(async ({ params, engine }) => {
  const queue = await engine.getQueue(params.projectId, params.queueName);
  return json(queueDetail(queue, await engine.countMessages(params.projectId, params.queueName), await relationsOfQueue(engine, queue)));
});

// PATCH /api/projects/{projectId}/queues/{queueName} — change settings (push settings too); absent fields stay
export const PATCH = bffRoute<Params>(async ({ request, params, engine, push }) => {
  const patch = queuePatchFromBody(await readJsonObject(request));
  await assertSubscribersAllowed(patch.push?.subscribers ?? [], push.policy);
  const queue = await engine.updateQueue(params.projectId, params.queueName, patch);
  return json(queueDetail(queue, await engine.countMessages(params.projectId, params.queueName), await relationsOfQueue(engine, queue)));
});

// DELETE /api/projects/{projectId}/queues/{queueName} {"queue"} — delete with every message
export const DELETE = bffRoute<Params>(async ({ request, params, engine }) => {
  await assertBodyNames(request, 'queue', params.queueName, 'Deleting a queue');
  await engine.deleteQueue(params.projectId, params.queueName);
  return json({ msg: 'Deleted' });
});
