// A pull queue's size alerts: add one. The engine's rules (at most 5, no duplicate, pull queues
// only, no progressive cycle) answer as 400s with their own texts, which the form shows.
import { alertFromBody } from '@/lib/bff/alert-input';
import { alertView } from '@/lib/bff/operator-views';
import { readJsonObject } from '@/lib/bff/parse';
import { bffRoute, json } from '@/lib/bff/route';

type Params = { projectId: string; queueName: string };

// POST …/queues/{queueName}/alerts {alert} — add an alert; the reply is the queue's alerts after it
export const POST = bffRoute<Params>(async ({ request, params, engine }) => {
  const alert = alertFromBody(await readJsonObject(request));
  const queue = await engine.addAlerts(params.projectId, params.queueName, [alert]);
  return json({ alerts: queue.alerts.map(alertView) }, 201);
});
