// Last-hour sizes for one page of the queue list, in one call for the whole page: the list stays
// one request per refresh however many rows it shows. Not under /queues/, where it would shadow a
// queue of the same name.
import { readQueueHistory } from '@/lib/bff/queue-history';
import { queuePageNames } from '@/lib/bff/queue-page';
import { bffRoute, json } from '@/lib/bff/route';
import type { QueueSparklines } from '@/lib/hud/types';

type Params = { projectId: string };

// GET /api/projects/{projectId}/queue-sparklines?prefix=&after= — sizes per minute over the last hour, per queue of the page
export const GET = bffRoute<Params>(async ({ request, params, engine, stats, sampler }) => {
  const { names } = await queuePageNames(engine, params.projectId, new URL(request.url));
  const found = await Promise.all(names.map((name) => engine.findQueue(params.projectId, name)));
  const queues = found.filter((queue) => queue !== undefined);
  const nowMs = Date.now();
  const sparklines = await Promise.all(
    queues.map(async (queue) => {
      const history = await readQueueHistory({ stats, sampler }, { projectId: params.projectId, name: queue.name, liveSize: queue.size }, '1h', nowMs);
      return { name: queue.name, sizes: history.points.map((point) => point.size) };
    }),
  );
  const body: QueueSparklines = { sparklines };
  return json(body);
});
