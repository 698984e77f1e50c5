// One alert of a pull queue: change it in place (its id stays), or delete it.
import { alertFromBody } from '@/lib/bff/alert-input';
import { alertView } from '@/lib/bff/operator-views';
import { assertBodyNames, readJsonObject } from '@/lib/bff/parse';
import { bffRoute, json } from '@/lib/bff/route';

type Params = { projectId: string; queueName: string; alertId: string };

// PUT …/queues/{queueName}/alerts/{alertId} {alert} — replace that alert's fields
export const PUT = bffRoute<Params>(async ({ request, params, engine }) => {
  const alert = alertFromBody(await readJsonObject(request));
  const queue = await engine.updateAlert(params.projectId, params.queueName, params.alertId, alert);
  return json({ alerts: queue.alerts.map(alertView) });
});

// DELETE …/queues/{queueName}/alerts/{alertId} {"alert": alertId} — delete that alert
export const DELETE = bffRoute<Params>(async ({ request, params, engine }) => {
  await assertBodyNames(request, 'alert', params.alertId, 'Deleting an alert');
  const queue = await engine.deleteAlert(params.projectId, params.queueName, params.alertId);
  return json({ alerts: queue.alerts.map(alertView) });
});
