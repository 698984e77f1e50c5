// Queue alerts over HTTP (docs/api.md §2.8, §4.9, §5.1): the v3 and v1 alert routes with every
// body form the official clients send, alerts set through the queue itself, the refusals (each
// a 400 or 404 that changes nothing), and conformance scenario 13 — alerts firing into a queue.
import { describe, expect, it } from 'vitest';
import { ANY_TEXT, expectJson, expectMsg, sleep, useApiServer, type ApiClient } from '../helpers/api';

const api = useApiServer();

const OBJECT_ID = /^[0-9a-f]{24}$/;

function alert(queue: string, changes: Record<string, unknown> = {}) {
  return { type: 'fixed', trigger: 10, direction: 'asc', queue, snooze: 0, ...changes };
}

const alertsPath = (q: string) => `${api.paths.queue(q)}/alerts`;
const alertPath = (q: string, id: string) => `${alertsPath(q)}/${encodeURIComponent(id)}`;
const v1Queue = (q: string) => `/1/projects/${api.server.projectId}/queues/${encodeURIComponent(q)}`;

/** The queue's alerts as GET shows them; [] when the key is absent (§2.1: only when non-empty). */
async function alertsOf(q: string): Promise<Array<Record<string, unknown>>> {
  const queue = await api.queueOrThrow(q);
  if ('alerts' in queue) expect(queue.alerts.length).toBeGreaterThan(0);
  return queue.alerts ?? [];
}

/** Creates a pull queue with these alerts and returns them as stored (with ids). */
async function queueWithAlerts(q: string, alerts: unknown[]) {
  await api.createQueueOrThrow(q);
  expectMsg(await api.request('POST', alertsPath(q), { json: { alerts } }), 200, 'Alerts were added.');
  return alertsOf(q);
}

/** The parsed alert messages a target queue holds, oldest first; [] while it does not exist. */
async function alertMessages(client: ApiClient, target: string): Promise<Array<Record<string, unknown>>> {
  const res = await client.peek(target, 100);
  if (res.status === 404) return [];
  expectJson(res, 200);
  return res.body.messages.map((m: { body: string }) => JSON.parse(m.body));
}

/**
 * Alerts fire just after the response of the request that moved the size, so wait until the
 * expected number arrived, then a little longer to catch any extra one, and compare sizes.
 */
async function expectFired(target: string, sizes: number[]): Promise<Array<Record<string, unknown>>> {
  const deadline = Date.now() + 5_000;
  while ((await alertMessages(api, target)).length < sizes.length && Date.now() < deadline) await sleep(20);
  await sleep(150);
  const messages = await alertMessages(api, target);
  expect(messages.map((m) => m.queue_size)).toEqual(sizes);
  return messages;
}

const post = (q: string, n: number) => api.postOrThrow(q, Array.from({ length: n }, (_, i) => `m${i}`));
const remove = async (q: string, n: number) => expect(await api.reserveOrThrow(q, { n, delete: true })).toHaveLength(n);

describe.concurrent('v3 alert routes', () => {
  it('POST /alerts appends alerts with 24-hex ids; GET shows them in order', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-add');
    const target = api.tempQueue(onTestFinished, 'alerts-add-target');
    const [first] = await queueWithAlerts(q, [alert(target)]);
    expect(first).toEqual({ id: expect.stringMatching(OBJECT_ID), ...alert(target) });
    expectMsg(
      await api.request('POST', alertsPath(q), { json: { alerts: [alert(target, { type: 'progressive', direction: 'desc', snooze: 60 })] } }),
      200,
      'Alerts were added.',
    );
    const alerts = await alertsOf(q);
    expect(alerts).toEqual([first, { id: expect.stringMatching(OBJECT_ID), ...alert(target, { type: 'progressive', direction: 'desc', snooze: 60 }) }]);
    expect(alerts[1].id).not.toBe(first.id);
  });

  it('PUT /alerts replaces the list; an empty list clears it', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-replace');
    await queueWithAlerts(q, [alert('t1'), alert('t1', { trigger: 20 })]);
    expectMsg(await api.request('PUT', alertsPath(q), { json: { alerts: [alert('t2', { trigger: 5 })] } }), 200, 'Alerts were replaced.');
    expect(await alertsOf(q)).toEqual([{ id: expect.stringMatching(OBJECT_ID), ...alert('t2', { trigger: 5 }) }]);
    expectMsg(await api.request('PUT', alertsPath(q), { json: { alerts: [] } }), 200, 'Alerts were replaced.');
    expect(await alertsOf(q)).toEqual([]);
  });

  it('DELETE /alerts takes objects with ids, bare ids or python\'s {queue:{alerts}}; no list removes all', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-delete');
    const alerts = await queueWithAlerts(q, [1, 2, 3, 4, 5].map((trigger) => alert('t', { trigger })));
    const ids = alerts.map((a) => a.id as string);
    const deleted = 'Alerts were deleted.';
    expectMsg(await api.request('DELETE', alertsPath(q), { json: { alerts: [{ id: ids[0] }] } }), 200, deleted);
    expectMsg(await api.request('DELETE', alertsPath(q), { json: { alerts: [ids[1]] } }), 200, deleted);
    expectMsg(await api.request('DELETE', alertsPath(q), { json: { queue: { alerts: [ids[2]] } } }), 200, deleted);
    expect(await alertsOf(q)).toEqual(alerts.slice(3));
    // iron_go's RemoveAllAlerts sends no body at all.
    expectMsg(await api.request('DELETE', alertsPath(q)), 200, deleted);
    expect(await alertsOf(q)).toEqual([]);
  });

  it('DELETE /alerts/{id} removes one alert, also with a trailing slash and through Java\'s method override', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-delete-one');
    const alerts = await queueWithAlerts(q, [1, 2, 3].map((trigger) => alert('t', { trigger })));
    expectMsg(await api.request('DELETE', alertPath(q, alerts[1].id as string), { json: {} }), 200, 'Alerts were deleted.');
    expectMsg(await api.request('DELETE', `${alertPath(q, alerts[0].id as string)}/`), 200, 'Alerts were deleted.');
    const override = { headers: { 'X-HTTP-Method-Override': 'DELETE' }, json: { alerts: [{ id: alerts[2].id }] } };
    expectMsg(await api.request('POST', alertsPath(q), override), 200, 'Alerts were deleted.');
    expect(await alertsOf(q)).toEqual([]);
  });

  it('an unknown alert id is 404 Alert not found and removes nothing', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-unknown');
    const alerts = await queueWithAlerts(q, [alert('t'), alert('t', { trigger: 20 })]);
    const unknown = 'f'.repeat(24);
    expectMsg(await api.request('DELETE', alertPath(q, unknown)), 404, 'Alert not found');
    expectMsg(await api.request('DELETE', alertsPath(q), { json: { alerts: [{ id: alerts[0].id }, { id: unknown }] } }), 404, 'Alert not found');
    expect(await alertsOf(q)).toEqual(alerts);
  });

  it('every alert route on a missing queue is 404 Queue not found and creates nothing', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-missing');
    const json = { alerts: [alert('t')] };
    expectMsg(await api.request('POST', alertsPath(q), { json }), 404, 'Queue not found');
    expectMsg(await api.request('PUT', alertsPath(q), { json }), 404, 'Queue not found');
    expectMsg(await api.request('DELETE', alertsPath(q)), 404, 'Queue not found');
    expectMsg(await api.request('DELETE', alertPath(q, 'a'.repeat(24))), 404, 'Queue not found');
    expectMsg(await api.getQueue(q), 404, 'Queue not found');
    expectMsg(await api.request('GET', alertsPath(q)), 405, 'Method not allowed');
  });
});

describe.concurrent('refused alert requests change nothing', () => {
  it('a new alert repeating a stored (type, direction, trigger) is 400; repeats inside one request are fine', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-dup');
    const alerts = await queueWithAlerts(q, [alert('t')]);
    const res = await api.request('POST', alertsPath(q), { json: { alerts: [alert('elsewhere', { snooze: 5 })] } });
    expectMsg(res, 400, 'At least one new alert duplicates current queue alerts.');
    expect(await alertsOf(q)).toEqual(alerts);

    const other = api.tempQueue(onTestFinished, 'alerts-dup-same-request');
    await api.createQueueOrThrow(other);
    const five = Array.from({ length: 5 }, () => alert('t'));
    expectMsg(await api.request('POST', alertsPath(other), { json: { alerts: five } }), 200, 'Alerts were added.');
    expect(await alertsOf(other)).toHaveLength(5);
  });

  it('more than 5 alerts in total is 400', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-max');
    const alerts = await queueWithAlerts(q, [1, 2, 3, 4].map((trigger) => alert('t', { trigger })));
    expectMsg(await api.request('POST', alertsPath(q), { json: { alerts: [alert('t', { trigger: 5 }), alert('t', { trigger: 6 })] } }), 400, /5/);
    expectMsg(await api.request('PUT', alertsPath(q), { json: { alerts: [1, 2, 3, 4, 5, 6].map((trigger) => alert('t', { trigger })) } }), 400, /5/);
    expectMsg(await api.updateQueue(q, { alerts: [1, 2, 3, 4, 5, 6].map((trigger) => alert('t', { trigger })) }), 400, /5/);
    expect(await alertsOf(q)).toEqual(alerts);
  });

  it('push queues do not support alerts', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-push');
    await api.createQueueOrThrow(q, { push: { subscribers: [{ name: 's', url: 'http://127.0.0.1:9/push' }] } });
    const json = { alerts: [alert('t')] };
    expectMsg(await api.request('POST', alertsPath(q), { json }), 400, 'Push queues do not support alerts.');
    expectMsg(await api.request('PUT', alertsPath(q), { json }), 400, 'Push queues do not support alerts.');
    expectMsg(await api.updateQueue(q, json), 400, 'Push queues do not support alerts.');
    expect(await alertsOf(q)).toEqual([]);
  });

  it('a progressive alert on its own queue, or closing a cycle, is 400', async ({ onTestFinished }) => {
    const q1 = api.tempQueue(onTestFinished, 'alerts-cycle-1');
    const q2 = api.tempQueue(onTestFinished, 'alerts-cycle-2');
    await api.createQueueOrThrow(q1);
    await queueWithAlerts(q2, [alert(q1, { type: 'progressive' })]);
    const self = { alerts: [alert(q1, { type: 'progressive' })] };
    expectMsg(await api.request('POST', alertsPath(q1), { json: self }), 400, ANY_TEXT);
    expectMsg(await api.updateQueue(q1, self), 400, ANY_TEXT);
    const cycle = { alerts: [alert(q2, { type: 'progressive' })] };
    expectMsg(await api.request('POST', alertsPath(q1), { json: cycle }), 400, /cycle/);
    expectMsg(await api.request('PUT', alertsPath(q1), { json: cycle }), 400, /cycle/);
    expectMsg(await api.updateQueue(q1, cycle), 400, /cycle/);
    expect(await alertsOf(q1)).toEqual([]);
  });

  it('malformed alerts and bodies are 400 with a message saying what is wrong', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-malformed');
    const alerts = await queueWithAlerts(q, [alert('t')]);
    const cases: Array<[unknown, RegExp]> = [
      [{ alerts: [alert('t', { type: 'sometimes' })] }, /type/],
      [{ alerts: [alert('t', { direction: 'up' })] }, /direction/],
      [{ alerts: [alert('t', { trigger: 0 })] }, /trigger/],
      [{ alerts: [alert('t', { trigger: '10' })] }, /trigger/],
      [{ alerts: [alert('t', { trigger: 2.5 })] }, /trigger/],
      [{ alerts: [{ type: 'fixed', trigger: 3 }] }, /queue/],
      [{ alerts: [alert('t', { snooze: -1 })] }, /snooze/],
      [{ alerts: [alert('t', { snooze: '5' })] }, /snooze/],
      [{ alerts: ['not an object'] }, /alert/],
      [{ alerts: { type: 'fixed' } }, /alerts/],
      [{}, /alerts/],
    ];
    for (const [json, msg] of cases) {
      expectMsg(await api.request('POST', alertsPath(q), { json }), 400, msg);
      expectMsg(await api.request('PUT', alertsPath(q), { json }), 400, msg);
    }
    expectMsg(await api.request('DELETE', alertsPath(q), { json: { alerts: [42] } }), 400, /id/);
    expectMsg(await api.request('DELETE', alertsPath(q), { json: { alerts: [{}] } }), 400, /id/);
    expectMsg(await api.request('POST', alertsPath(q), { raw: '{"alerts": [', headers: { 'Content-Type': 'application/json' } }), 400, /JSON/);
    expect(await alertsOf(q)).toEqual(alerts);
  });
});

describe.concurrent('alerts set through the queue (PUT and PATCH /queues/{q})', () => {
  it('PATCH with alerts replaces the list, [{}] clears it, and Go\'s "" direction means asc', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-patch');
    await queueWithAlerts(q, [alert('t'), alert('t', { trigger: 20 })]);
    const res = await api.updateQueue(q, { name: '', size: 0, total_messages: 0, alerts: [alert('t', { trigger: 7, direction: '' })] });
    expectJson(res, 200);
    expect(res.body.queue.alerts).toEqual([{ id: expect.stringMatching(OBJECT_ID), ...alert('t', { trigger: 7 }) }]);
    expect(await alertsOf(q)).toEqual(res.body.queue.alerts);
    expectJson(await api.updateQueue(q, { alerts: [{}] }), 200);
    expect(await alertsOf(q)).toEqual([]);
  });

  it('PUT with alerts sets them (python update_alerts, php); [] clears; ids survive unrelated updates', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-put');
    const created = await api.createQueueOrThrow(q, { alerts: [alert('t'), alert('t', { direction: 'desc' })] });
    expect(created.alerts).toHaveLength(2);
    expectJson(await api.updateQueue(q, { message_timeout: 120 }), 200);
    await api.createQueueOrThrow(q, { message_expiration: 3600 });
    await api.postOrThrow(q, ['x']);
    expect(await alertsOf(q)).toEqual(created.alerts);
    await api.createQueueOrThrow(q, { alerts: [] });
    expect(await alertsOf(q)).toEqual([]);
  });
});

describe.concurrent('v1 alert routes (§5.1)', () => {
  it('add and replace create a missing queue; the bare v1 queue shows the alerts', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-v1-add');
    expectMsg(await api.request('POST', `${v1Queue(q)}/alerts`, { json: { alerts: [alert('t')] } }), 200, 'Alerts were added.');
    const info = await api.request('GET', v1Queue(q));
    expectJson(info, 200);
    expect(info.body).toMatchObject({ name: q, size: 0, alerts: [{ id: expect.stringMatching(OBJECT_ID), ...alert('t') }] });

    const replaced = api.tempQueue(onTestFinished, 'alerts-v1-replace');
    const json = { alerts: [alert('t', { type: 'progressive', trigger: 3 })] };
    expectMsg(await api.request('PUT', `${v1Queue(replaced)}/alerts/`, { json }), 200, 'Alerts were replaced.');
    expect(await alertsOf(replaced)).toMatchObject([{ type: 'progressive', trigger: 3 }]);
    expectMsg(await api.request('PUT', `${v1Queue(replaced)}/alerts`, { json: { alerts: [] } }), 200, 'Alerts were replaced.');
    expect(await alertsOf(replaced)).toEqual([]);
  });

  it('delete by list, by id and all; on a missing queue delete is 404', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-v1-delete');
    const add = { alerts: [1, 2, 3, 4].map((trigger) => alert('t', { trigger })) };
    expectMsg(await api.request('POST', `${v1Queue(q)}/alerts`, { json: add }), 200, 'Alerts were added.');
    const alerts = await alertsOf(q);
    expectMsg(await api.request('DELETE', `${v1Queue(q)}/alerts`, { json: { alerts: [{ id: alerts[0].id }] } }), 200, 'Alerts were deleted.');
    expectMsg(await api.request('DELETE', `${v1Queue(q)}/alerts/${alerts[1].id}`, { json: {} }), 200, 'Alerts were deleted.');
    expect(await alertsOf(q)).toEqual(alerts.slice(2));
    expectMsg(await api.request('DELETE', `${v1Queue(q)}/alerts/${alerts[1].id}`), 404, 'Alert not found');
    expectMsg(await api.request('DELETE', `${v1Queue(q)}/alerts`), 200, 'Alerts were deleted.');
    expect(await alertsOf(q)).toEqual([]);

    const missing = api.tempQueue(onTestFinished, 'alerts-v1-missing');
    expectMsg(await api.request('DELETE', `${v1Queue(missing)}/alerts`), 404, 'Queue not found');
    expectMsg(await api.request('DELETE', `${v1Queue(missing)}/alerts/${alerts[0].id}`), 404, 'Queue not found');
  });

  it('a v1 queue with alerts cannot become a push queue', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'alerts-v1-push');
    expectMsg(await api.request('POST', `${v1Queue(q)}/alerts`, { json: { alerts: [alert('t')] } }), 200, 'Alerts were added.');
    const update = { push_type: 'multicast', subscribers: [{ url: 'http://127.0.0.1:9/push' }] };
    expectMsg(await api.request('POST', v1Queue(q), { json: update }), 400, 'Push queues do not support alerts.');
    expect(await api.queueOrThrow(q)).toMatchObject({ type: 'pull' });
  });
});

describe.concurrent('§11 scenario 13: alerts fire as the §4.9 calibration says (trigger 10)', () => {
  it('fixed asc: 9→13 fires once; up to 23 no more; down to 7 none; 9→10 fires again', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'conf-13-fixed-asc');
    const target = api.tempQueue(onTestFinished, 'conf-13-fixed-asc-alerts');
    const [stored] = await queueWithAlerts(q, [alert(target)]);
    await post(q, 9);
    await expectFired(target, []);
    await post(q, 4);
    const [message] = await expectFired(target, [13]);
    expect(message).toEqual({
      source_queue: q,
      queue_size: 13,
      alert_id: stored.id,
      alert_type: 'fixed',
      alert_direction: 'asc',
      alert_trigger: 10,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
    for (let i = 0; i < 10; i++) await post(q, 1);
    await remove(q, 16);
    await post(q, 2);
    await expectFired(target, [13]);
    await post(q, 1);
    await expectFired(target, [13, 10]);
  });

  it('fixed desc: posting 15 none; 11→10 fires; again after going back up to 22; 10→2 none', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'conf-13-fixed-desc');
    const target = api.tempQueue(onTestFinished, 'conf-13-fixed-desc-alerts');
    await queueWithAlerts(q, [alert(target, { direction: 'desc' })]);
    await post(q, 15);
    await remove(q, 4);
    await expectFired(target, []);
    await remove(q, 1);
    await expectFired(target, [10]);
    await post(q, 12);
    await remove(q, 11);
    await remove(q, 1);
    await expectFired(target, [10, 10]);
    await remove(q, 8);
    await expectFired(target, [10, 10]);
    expect(await api.sizeOrThrow(q)).toBe(2);
  });

  it('progressive asc fires at 10, 20 and 30; progressive desc from 25 at 20 and 10, not at 0', async ({
    onTestFinished,
  }) => {
    const ascending = api.tempQueue(onTestFinished, 'conf-13-progressive-asc');
    const descending = api.tempQueue(onTestFinished, 'conf-13-progressive-desc');
    const up = api.tempQueue(onTestFinished, 'conf-13-progressive-up');
    const down = api.tempQueue(onTestFinished, 'conf-13-progressive-down');
    await queueWithAlerts(ascending, [alert(up, { type: 'progressive' })]);
    await queueWithAlerts(descending, [alert(down, { type: 'progressive', direction: 'desc' })]);
    for (let i = 0; i < 7; i++) await post(ascending, 5);
    await expectFired(up, [10, 20, 30]);
    await post(descending, 25);
    for (let i = 0; i < 5; i++) await remove(descending, 5);
    await expectFired(down, [20, 10]);
  });

  it('snooze drops firings within its window', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'conf-13-snooze');
    const target = api.tempQueue(onTestFinished, 'conf-13-snooze-alerts');
    await queueWithAlerts(q, [alert(target, { type: 'progressive', trigger: 1, snooze: 60 })]);
    for (let i = 0; i < 3; i++) await post(q, 1);
    await expectFired(target, [1]);
  });
});
