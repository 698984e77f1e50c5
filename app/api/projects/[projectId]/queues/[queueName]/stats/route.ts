// A queue's history for the overview's charts, aggregated here so the browser only draws it.
import { BffError } from '@/lib/bff/errors';
import { readQueueHistory } from '@/lib/bff/queue-history';
import { bffRoute, json } from '@/lib/bff/route';
import { DEFAULT_HISTORY_RANGE, HISTORY_RANGE_NAMES, isHistoryRange } from '@/lib/hud/history-ranges';
import type { QueueHistory } from '@/lib/hud/types';

type Params = { projectId: string; queueName: string };

// GET /api/projects/{projectId}/queues/{queueName}/stats?range=live|1h|24h|7d — size and rates per bucket
export const GET = bffRoute<Params>(async ({ request, params, engine, stats, sampler }) => {
  const range = new URL(request.url).searchParams.get('range') || DEFAULT_HISTORY_RANGE;
  if (!isHistoryRange(range)) throw new BffError('BAD_REQUEST', `range must be one of ${HISTORY_RANGE_NAMES.join(', ')}`);
  const queue = await engine.getQueue(params.projectId, params.queueName);
  const body: QueueHistory = await readQueueHistory(
    { stats, sampler },
    { projectId: params.projectId, name: queue.name, liveSize: queue.size },
    range,
    Date.now(),
  );
  return json(body);
});
