// One redrive job: its progress, polled by the HUD while it runs.
import { BffError } from '@/lib/bff/errors';
import { redriveView } from '@/lib/bff/operator-views';
import { bffRoute, json } from '@/lib/bff/route';

type Params = { projectId: string; queueName: string; redriveId: string };

// GET …/queues/{queueName}/redrives/{redriveId} — state, moved, skipped and total
export const GET = bffRoute<Params>(async ({ params, engine }) => {
  const job = await engine.redrives.find(params.projectId, params.redriveId);
  if (!job || job.sourceQueue !== params.queueName) throw new BffError('REDRIVE_NOT_FOUND');
  return json(redriveView(job));
});
