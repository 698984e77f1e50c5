// The v1 queue resource over raw HTTP (docs/api.md §5.1, §5.2, §4.7 v1 column): the bare-array
// list paged by page/per_page, the bare queue object with `reserved`, the flat POST update that
// creates and may change the type both ways, `Deleted.`, POST /clear, and the subscriber and
// alert routes that create a missing queue.
import { describe, expect, it } from 'vitest';
import { expectJson, expectMsg, useApiServer } from '../helpers/api';
import { expectJsonArray, V1Api } from '../helpers/v1';

const api = useApiServer();
const v1 = new V1Api(api);

const OBJECT_ID = /^[0-9a-f]{24}$/;
const PULL_KEYS = ['id', 'name', 'project_id', 'reserved', 'size', 'total_messages'];
const PUSH_KEYS = ['push_type', 'retries', 'retries_delay', 'error_queue', 'subscribers'];
const NOWHERE = 'http://127.0.0.1:9/nowhere';

describe.concurrent('GET /1/projects/{pid}/queues', () => {
  it('is a bare array of {id, project_id, name} in name order, paged by page (0-based) and per_page', async ({
    onTestFinished,
  }) => {
    // Other tests in this file use names that start with a letter, so these sort first.
    const prefix = `0list-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const names = ['a', 'b', 'c', 'd', 'e'].map((suffix) => `${prefix}-${suffix}`);
    const ids: string[] = [];
    for (const name of names) {
      onTestFinished(async () => {
        await v1.request('DELETE', v1.paths.queue(name));
      });
      ids.push((await v1.updateOrThrow(name, {})).id);
    }
    const all = expectJsonArray(await v1.request('GET', v1.paths.queues())) as Record<string, unknown>[];
    expect(all.slice(0, 5)).toEqual(names.map((name, i) => ({ id: ids[i], project_id: api.server.projectId, name })));
    for (const item of all) expect(Object.keys(item).sort()).toEqual(['id', 'name', 'project_id']);

    const pages: Array<[Record<string, number>, string[]]> = [
      [{ per_page: 2 }, names.slice(0, 2)],
      [{ page: 0, per_page: 2 }, names.slice(0, 2)],
      [{ page: 1, per_page: 2 }, names.slice(2, 4)],
      [{ page: 3, per_page: 1 }, [names[3]]],
      [{ page: 0, per_page: 5 }, names],
    ];
    for (const [query, expected] of pages) {
      const page = expectJsonArray(await v1.request('GET', v1.paths.queues(query))) as { name: string }[];
      expect(page.map((item) => item.name), JSON.stringify(query)).toEqual(expected);
    }
  });

  it.for<Record<string, number>>([
    { page: 100, per_page: 100 },
    { page: 50, per_page: 30 },
    { page: 99 },
  ])('a page beyond the end is [] (%o)', async (query) => {
    expect(expectJsonArray(await v1.request('GET', v1.paths.queues(query)))).toEqual([]);
  });

  it('per_page defaults to 30', async ({ onTestFinished }) => {
    for (let i = 0; i < 31; i += 1) await v1.postOrThrow(v1.tempQueue(onTestFinished, `list-default-${i}`), ['x']);
    expect(expectJsonArray(await v1.request('GET', v1.paths.queues()))).toHaveLength(30);
    expect(expectJsonArray(await v1.request('GET', v1.paths.queues({ per_page: 31 })))).toHaveLength(31);
  });
});

describe.concurrent('GET /1/projects/{pid}/queues/{q}', () => {
  it('a pull queue is the bare object with exactly id, project_id, name, size, total_messages, reserved', async ({
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'info');
    await v1.postOrThrow(q, ['a', 'b', 'c', { body: 'later', delay: 600 }]);
    expect(await v1.reserveOrThrow(q, { n: 2, timeout: 30 })).toHaveLength(2);
    const info = await v1.queueOrThrow(q);
    expect(Object.keys(info).sort()).toEqual(PULL_KEYS);
    expect(info).toEqual({
      id: expect.stringMatching(OBJECT_ID),
      project_id: api.server.projectId,
      name: q,
      size: 4,
      total_messages: 4,
      reserved: 2,
    });
  });

  it('reserved counts only messages reserved now', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'info-reserved');
    const ids = await v1.postOrThrow(q, ['a', 'b', 'c']);
    await v1.reserveOrThrow(q, { n: 3, timeout: 30 });
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 3, reserved: 3 });
    expectMsg(await v1.request('POST', v1.paths.release(q, ids[0])), 200, 'Released');
    expectMsg(await v1.request('DELETE', v1.paths.message(q, ids[1])), 200, 'Deleted');
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 2, total_messages: 3, reserved: 1 });
  });

  it('a missing queue is 404 Queue not found', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'info-missing');
    expectMsg(await v1.request('GET', v1.paths.queue(q)), 404, 'Queue not found');
  });
});

describe.concurrent('POST /1/projects/{pid}/queues/{q} (flat update)', () => {
  it('creates a missing queue and answers with the bare queue object', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'update-create');
    const created = await v1.updateOrThrow(q, {});
    expect(Object.keys(created).sort()).toEqual(PULL_KEYS);
    expect(created).toMatchObject({ name: q, project_id: api.server.projectId, size: 0, total_messages: 0, reserved: 0 });
    expect(await v1.queueOrThrow(q)).toEqual(created);
  });

  it('changes the type both ways; push fields appear only on push queues', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'update-types');
    await v1.postOrThrow(q, ['kept']);
    const steps: Array<[Record<string, unknown>, Record<string, unknown> | 'pull']> = [
      [{ subscribers: [{ url: NOWHERE }] }, { push_type: 'multicast', retries: 3, retries_delay: 60 }],
      [{ push_type: 'unicast' }, { push_type: 'unicast', subscribers: [{ url: NOWHERE }] }],
      [{ retries: 5, retries_delay: 30, error_queue: `${q}-errors` }, { push_type: 'unicast', retries: 5, retries_delay: 30, error_queue: `${q}-errors` }],
      [{ push_type: 'pull' }, 'pull'],
      [{ push_type: 'multicast', subscribers: [{ url: NOWHERE, headers: { 'X-A': 'b' } }] }, { push_type: 'multicast', subscribers: [{ url: NOWHERE, headers: { 'X-A': 'b' } }] }],
      [{ push_type: 'pull', retries: 7 }, 'pull'],
    ];
    for (const [body, expected] of steps) {
      const answer = await v1.updateOrThrow(q, body);
      expect(answer, JSON.stringify(body)).toMatchObject({ name: q, size: 1, total_messages: 1 });
      if (expected === 'pull') {
        expect(Object.keys(answer).sort(), JSON.stringify(body)).toEqual(PULL_KEYS);
      } else {
        expect(answer, JSON.stringify(body)).toMatchObject(expected);
        for (const key of ['push_type', 'retries', 'retries_delay', 'subscribers']) expect(answer).toHaveProperty(key);
      }
      expect(await v1.queueOrThrow(q)).toEqual(answer);
    }
  });

  it('sets alerts on a pull queue; a push queue refuses them', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'update-alerts');
    const alert = { type: 'progressive', direction: 'asc', trigger: 100, queue: `${q}-alerts`, snooze: 5 };
    const updated = await v1.updateOrThrow(q, { alerts: [alert] });
    expect(updated.alerts).toEqual([{ ...alert, id: expect.stringMatching(OBJECT_ID) }]);
    for (const key of PUSH_KEYS) expect(updated).not.toHaveProperty(key);

    const push = v1.tempQueue(onTestFinished, 'update-alerts-push');
    await v1.updateOrThrow(push, { subscribers: [{ url: NOWHERE }] });
    const res = await v1.request('POST', v1.paths.queue(push), { json: { alerts: [alert] } });
    expectMsg(res, 400, 'Push queues do not support alerts.');
  });
});

describe.concurrent('DELETE /1/projects/{pid}/queues/{q} and POST …/clear', () => {
  it('delete answers {"msg":"Deleted."}, then 404; a new queue of that name starts from zero', async ({
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'delete');
    await v1.postOrThrow(q, ['a', 'b']);
    expectJson(await v1.request('DELETE', v1.paths.queue(q)), 200, { msg: 'Deleted.' });
    expectMsg(await v1.request('DELETE', v1.paths.queue(q)), 404, 'Queue not found');
    expectMsg(await v1.request('GET', v1.paths.queue(q)), 404, 'Queue not found');
    await v1.postOrThrow(q, ['c']);
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 1, total_messages: 1, reserved: 0 });
    expect((await v1.peekOrThrow(q)).map((m) => m.body)).toEqual(['c']);
  });

  it.for([
    { name: 'an empty body (Python, Content-Length: 0)', options: { raw: '' } },
    { name: '{} (Node)', options: { json: {} } },
  ])('clear with $name answers {"msg":"Cleared"} and removes reserved messages too', async ({ options }, { onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'clear');
    await v1.postOrThrow(q, ['a', 'b', 'c']);
    await v1.reserveOrThrow(q, { timeout: 30 });
    expectJson(await v1.request('POST', v1.paths.clear(q), options), 200, { msg: 'Cleared' });
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 0, reserved: 0, total_messages: 3 });
    expect(await v1.peekOrThrow(q)).toEqual([]);
  });

  it('clear on a missing queue is 404 and does not create it', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'clear-missing');
    expectMsg(await v1.request('POST', v1.paths.clear(q)), 404, 'Queue not found');
    expectMsg(await v1.request('GET', v1.paths.queue(q)), 404, 'Queue not found');
  });
});

describe.concurrent('subscribers and alerts routes create the queue', () => {
  it('POST /subscribers creates a multicast queue and answers with the bare queue object', async ({
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'subs-create');
    const res = await v1.request('POST', v1.paths.subscribers(q), { json: { subscribers: [{ url: NOWHERE }] } });
    expectJson(res, 200);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(OBJECT_ID),
      project_id: api.server.projectId,
      name: q,
      size: 0,
      total_messages: 0,
      reserved: 0,
      push_type: 'multicast',
      subscribers: [{ url: NOWHERE }],
    });
    expect(await v1.queueOrThrow(q)).toEqual(res.body);
  });

  it('POST /subscribers turns an existing pull queue into multicast; DELETE /subscribers removes by url', async ({
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'subs-convert');
    await v1.updateOrThrow(q, {});
    const urls = [`${NOWHERE}/1`, `${NOWHERE}/2`, `${NOWHERE}/3`];
    const added = await v1.request('POST', v1.paths.subscribers(q), { json: { subscribers: urls.map((url) => ({ url })) } });
    expectJson(added, 200);
    expect(added.body.push_type).toBe('multicast');
    expect(added.body.subscribers.map((s: { url: string }) => s.url)).toEqual(urls);

    const removed = await v1.request('DELETE', v1.paths.subscribers(q), { json: { subscribers: [{ url: urls[1] }] } });
    expectJson(removed, 200);
    expect(removed.body).toMatchObject({ name: q, push_type: 'multicast' });
    expect(removed.body.subscribers.map((s: { url: string }) => s.url)).toEqual([urls[0], urls[2]]);
    expect(await v1.queueOrThrow(q)).toEqual(removed.body);
  });

  it('POST /alerts on a missing queue creates it with the alerts', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'alerts-create');
    const alert = { type: 'fixed', direction: 'desc', trigger: 3, queue: `${q}-target`, snooze: 0 };
    expectJson(await v1.request('POST', v1.paths.alerts(q), { json: { alerts: [alert] } }), 200, {
      msg: 'Alerts were added.',
    });
    const info = await v1.queueOrThrow(q);
    expect(info).toMatchObject({ name: q, size: 0, alerts: [{ ...alert, id: expect.stringMatching(OBJECT_ID) }] });
  });
});
