// Redrives out of a queue (usually a dead-letter or error queue): list its recent jobs, and start
// one. The job runs in the server's redrive worker, not in the browser: closing the page neither
// stops nor breaks it.
import { redriveView } from '@/lib/bff/operator-views';
import { readJsonObject } from '@/lib/bff/parse';
import { redriveRequestFromBody } from '@/lib/bff/redrive-input';
import { bffRoute, json } from '@/lib/bff/route';

type Params = { projectId: string; queueName: string };

// GET …/queues/{queueName}/redrives — the queue's recent redrive jobs, newest first
export const GET = bffRoute<Params>(async ({ params, engine }) => {
  await engine.getQueue(params.projectId, params.queueName);
  return json({ redrives: (await engine.redrives.list(params.projectId, params.queueName)).map(redriveView) });
});

// POST …/queues/{queueName}/redrives {targetQueue, messageIds?, bodies?, ratePerSecond, isErrorReport} — start a job
export const POST = bffRoute<Params>(async ({ request, params, engine }) => {
  const job = await engine.redrives.start(params.projectId, params.queueName, redriveRequestFromBody(await readJsonObject(request)));
  return json(redriveView(job), 201);
});
