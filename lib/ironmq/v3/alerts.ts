// v3 alert routes (§2.8): add, replace, delete listed (or all), delete one. The queue must exist;
// setting alerts through PUT/PATCH of the queue itself is in queues.ts.
import type { Call, Reply, RouteSpec } from '../router';
import { parseAlertIdList, parseAlertList } from '../wire-alerts';

const ok = (msg: string): Reply => ({ status: 200, body: { msg } });

// POST /3/projects/{project}/queues/{queue}/alerts — append alerts
async function addAlerts({ engine, projectId, params, body }: Call): Promise<Reply> {
  await engine.addAlerts(projectId, params.queue, parseAlertList(body));
  return ok('Alerts were added.');
}

// PUT /3/projects/{project}/queues/{queue}/alerts — replace the whole list; `[]` clears it
async function replaceAlerts({ engine, projectId, params, body }: Call): Promise<Reply> {
  await engine.replaceAlerts(projectId, params.queue, parseAlertList(body));
  return ok('Alerts were replaced.');
}

// DELETE /3/projects/{project}/queues/{queue}/alerts — remove the listed ids; no list removes all
async function deleteAlerts({ engine, projectId, params, body }: Call): Promise<Reply> {
  await engine.deleteAlerts(projectId, params.queue, parseAlertIdList(body));
  return ok('Alerts were deleted.');
}

// DELETE /3/projects/{project}/queues/{queue}/alerts/{alert} — remove one alert by id
async function deleteAlert({ engine, projectId, params }: Call): Promise<Reply> {
  await engine.deleteAlert(projectId, params.queue, params.alert);
  return ok('Alerts were deleted.');
}

const ALERTS = '/3/projects/{project}/queues/{queue}/alerts';

export const alertRoutes: RouteSpec[] = [
  { method: 'POST', path: ALERTS, handler: addAlerts },
  { method: 'PUT', path: ALERTS, handler: replaceAlerts },
  { method: 'DELETE', path: ALERTS, handler: deleteAlerts },
  { method: 'DELETE', path: `${ALERTS}/{alert}`, handler: deleteAlert },
];
