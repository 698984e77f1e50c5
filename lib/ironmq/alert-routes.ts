// Alert routes for both API versions (§2.8, §5.1): add, replace, delete listed (or all), delete
// one. They differ in one rule only: v1 add and replace create a missing queue (§4.7; the Ruby
// v2 tests add alerts to queues they have just deleted), v3 answers 404. Setting alerts through
// PUT/PATCH of the queue itself is in v3/queues.ts.
import type { Call, Reply, RouteSpec } from './router';
import { parseAlertIdList, parseAlertList } from './wire-alerts';

const ok = (msg: string): Reply => ({ status: 200, body: { msg } });

export function alertRoutesFor(version: 1 | 3): RouteSpec[] {
  const options = { rules: version === 1 ? ('v1' as const) : ('v3' as const) };

  // POST /{1,3}/projects/{project}/queues/{queue}/alerts — append alerts
  async function addAlerts({ engine, projectId, params, body }: Call): Promise<Reply> {
    await engine.addAlerts(projectId, params.queue, parseAlertList(body), options);
    return ok('Alerts were added.');
  }

  // PUT /{1,3}/projects/{project}/queues/{queue}/alerts — replace the whole list; `[]` clears it
  async function replaceAlerts({ engine, projectId, params, body }: Call): Promise<Reply> {
    await engine.replaceAlerts(projectId, params.queue, parseAlertList(body), options);
    return ok('Alerts were replaced.');
  }

  // DELETE /{1,3}/projects/{project}/queues/{queue}/alerts — remove the listed ids; no list removes all
  async function deleteAlerts({ engine, projectId, params, body }: Call): Promise<Reply> {
    await engine.deleteAlerts(projectId, params.queue, parseAlertIdList(body));
    return ok('Alerts were deleted.');
  }

  // DELETE /{1,3}/projects/{project}/queues/{queue}/alerts/{alert} — remove one alert by id
  async function deleteAlert({ engine, projectId, params }: Call): Promise<Reply> {
    await engine.deleteAlert(projectId, params.queue, params.alert);
    return ok('Alerts were deleted.');
  }

  const alerts = `/${version}/projects/{project}/queues/{queue}/alerts`;
  return [
    { method: 'POST', path: alerts, handler: addAlerts },
    { method: 'PUT', path: alerts, handler: replaceAlerts },
    { method: 'DELETE', path: alerts, handler: deleteAlerts },
    { method: 'DELETE', path: `${alerts}/{alert}`, handler: deleteAlert },
  ];
}
