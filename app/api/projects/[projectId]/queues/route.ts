// A project's queues: one page of names with their counters (prefix filter, cursor paging), and create.
import { readJsonObject, requiredString } from '@/lib/bff/parse';
import { queuePatchFromBody } from '@/lib/bff/queue-input';
import { queuePageNames } from '@/lib/bff/queue-page';
import { bffRoute, json } from '@/lib/bff/route';
import { queueSummary } from '@/lib/bff/views';
import type { QueuePage, QueueSummary } from '@/lib/hud/types';

type Params = { projectId: string };

// GET /api/projects/{projectId}/queues?prefix=&after= — a page of queues in name order
export const GET = bffRoute<Params>(async ({ request, params, engine }) => {
  const { names, nextAfter } = await queuePageNames(engine, params.projectId, new URL(request.url));
  const queues = await Promise.all(names.map((name) => engine.findQueue(params.projectId, name)));
  const body: QueuePage = { queues: queues.filter((queue) => queue !== undefined).map(queueSummary), nextAfter };
  return json(body);
});

// POST /api/projects/{projectId}/queues — create; an existing name is refused (QUEUE_EXISTS), not overwritten
export const POST = bffRoute<Params>(async ({ request, params, engine }) => {
  const body = await readJsonObject(request);
  const name = requiredString(body, 'name');
  const queue = await engine.createQueue(params.projectId, name, queuePatchFromBody(body), { isCreateOnly: true });
  const summary: QueueSummary = queueSummary(queue);
  return json(summary, 201);
});
