// Cancels a running redrive job after the batch in progress; what it moved stays moved.
import { BffError } from '@/lib/bff/errors';
import { redriveView } from '@/lib/bff/operator-views';
import { bffRoute, json } from '@/lib/bff/route';

type Params = { projectId: string; queueName: string; redriveId: string };

// POST …/queues/{queueName}/redrives/{redriveId}/cancel — stop the job; a finished job is returned as it is
export const POST = bffRoute<Params>(async ({ params, engine }) => {
  const job = await engine.redrives.find(params.projectId, params.redriveId);
  if (!job || job.sourceQueue !== params.queueName) throw new BffError('REDRIVE_NOT_FOUND');
  return json(redriveView((await engine.redrives.cancel(params.projectId, params.redriveId))!));
});
