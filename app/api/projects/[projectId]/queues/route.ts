// A project's queues: one page of names with their counters and dead-letter / error-queue links
// (prefix filter, cursor paging), and create.
import { readJsonObject, requiredString } from '@/lib/bff/parse';
import { queuePatchFromBody } from '@/lib/bff/queue-input';
import { queuePageNames } from '@/lib/bff/queue-page';
import { relationsOf } from '@/lib/bff/queue-relations';
import { bffRoute, json } from '@/lib/bff/route';
import { assertSubscribersAllowed } from '@/lib/bff/subscriber-policy';
import { queueSummary } from '@/lib/bff/views';
import type { QueuePage, QueueSummary } from '@/lib/hud/types';

type Params = { projectId: string };

// GET /api/projects/{projectId}/queues?prefix=&after= — a page of queues in name order
export const GET = bffRoute<Params>(async ({ request, params, engine }) => {
  const { names, nextAfter } = await queuePageNames(engine, params.projectId, new URL(request.url));
  const found = await Promise.all(names.map((name) => engine.findQueue(params.projectId, name)));
  const queues = found.filter((queue) => queue !== undefined);
  const relations = await relationsOf(engine, params.projectId, queues);
  const body: QueuePage = { queues: queues.map((queue) => ({ ...queueSummary(queue), relations: relations.get(queue.name)! })), nextAfter };
  return json(body);
});

// POST /api/projects/{projectId}/queues — create; an existing name is refused (QUEUE_EXISTS), not overwritten
export const POST = bffRoute<Params>(async ({ request, params, engine, push }) => {
  const body = await readJsonObject(request);
  const name = requiredString(body, 'name');
  const patch = queuePatchFromBody(body);
  await assertSubscribersAllowed(patch.push?.subscribers ?? [], push.policy);
  const queue = await engine.createQueue(params.projectId, name, patch, { isCreateOnly: true });
  const summary: QueueSummary = queueSummary(queue);
  return json(summary, 201);
});
