// v1 alert routes (§5.1): as v3's, except that add and replace create a missing queue (§4.7;
// the Ruby v2 tests add alerts to queues they have just deleted).
import type { Call, Reply, RouteSpec } from '../router';
import { parseAlertIdList, parseAlertList } from '../wire-alerts';

const ok = (msg: string): Reply => ({ status: 200, body: { msg } });

// POST /1/projects/{project}/queues/{queue}/alerts — append alerts; creates the queue
async function addAlerts({ engine, projectId, params, body }: Call): Promise<Reply> {
  await engine.addAlerts(projectId, params.queue, parseAlertList(body), true);
  return ok('Alerts were added.');
}

// PUT /1/projects/{project}/queues/{queue}/alerts — replace the whole list; creates the queue
async function replaceAlerts({ engine, projectId, params, body }: Call): Promise<Reply> {
  await engine.replaceAlerts(projectId, params.queue, parseAlertList(body), true);
  return ok('Alerts were replaced.');
}

// DELETE /1/projects/{project}/queues/{queue}/alerts — remove the listed ids; no body removes all
async function deleteAlerts({ engine, projectId, params, body }: Call): Promise<Reply> {
  await engine.deleteAlerts(projectId, params.queue, parseAlertIdList(body));
  return ok('Alerts were deleted.');
}

// DELETE /1/projects/{project}/queues/{queue}/alerts/{alert} — remove one alert by id
async function deleteAlert({ engine, projectId, params }: Call): Promise<Reply> {
  await engine.deleteAlert(projectId, params.queue, params.alert);
  return ok('Alerts were deleted.');
}

const ALERTS = '/1/projects/{project}/queues/{queue}/alerts';

export const alertRoutesV1: RouteSpec[] = [
  { method: 'POST', path: ALERTS, handler: addAlerts },
  { method: 'PUT', path: ALERTS, handler: replaceAlerts },
  { method: 'DELETE', path: ALERTS, handler: deleteAlerts },
  { method: 'DELETE', path: `${ALERTS}/{alert}`, handler: deleteAlert },
];
