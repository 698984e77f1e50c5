// A project's queues: one page of names with their counters (prefix filter, cursor paging), and create.
import { BffError } from '@/lib/bff/errors';
import { readJsonObject, requiredString } from '@/lib/bff/parse';
import { queuePatchFromBody } from '@/lib/bff/queue-input';
import { bffRoute, json } from '@/lib/bff/route';
import { queueSummary } from '@/lib/bff/views';
import type { QueuePage, QueueSummary } from '@/lib/hud/types';

type Params = { projectId: string };

/** Queues per page of the HUD's list. */
const QUEUES_PER_PAGE = 50;

// GET /api/projects/{projectId}/queues?prefix=&after= — a page of queues in name order
export const GET = bffRoute<Params>(async ({ request, params, engine }) => {
  const url = new URL(request.url);
  const prefix = url.searchParams.get('prefix') ?? '';
  const after = url.searchParams.get('after') ?? '';
  // One more than a page tells whether another page follows.
  const names = await engine.listQueues(params.projectId, { prefix, previous: after, perPage: QUEUES_PER_PAGE + 1 });
  const pageNames = names.slice(0, QUEUES_PER_PAGE);
  const queues = await Promise.all(pageNames.map((name) => engine.findQueue(params.projectId, name)));
  const body: QueuePage = {
    queues: queues.filter((queue) => queue !== undefined).map(queueSummary),
    nextAfter: names.length > QUEUES_PER_PAGE ? pageNames.at(-1)! : null,
  };
  return json(body);
});

// POST /api/projects/{projectId}/queues — create; an existing name is refused, not overwritten
export const POST = bffRoute<Params>(async ({ request, params, engine }) => {
  const body = await readJsonObject(request);
  const name = requiredString(body, 'name');
  if (await engine.findQueue(params.projectId, name)) throw new BffError('QUEUE_EXISTS');
  const queue = await engine.createQueue(params.projectId, name, queuePatchFromBody(body));
  const summary: QueueSummary = queueSummary(queue);
  return json(summary, 201);
});
