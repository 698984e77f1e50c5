// The official v1 Node client (npm iron_mq 0.2.4, docs/api.md §8.4) against a real Ferro
// process: every call it offers, with the results it hands its caller, and a v1 and a v3 client
// (§8.3) sharing the same queues and messages on one engine (§5.3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_ID, RESERVATION_ID, sleep, uniqueQueueName } from '../helpers/api';
import { ironMqNode, type IronMessage } from '../helpers/iron-mq-node';
import { ironMqNodeV1, type IronMessageV1, type IronMqNodeV1, type NewMessageV1 } from '../helpers/iron-mq-node-v1';
import { startServer, type TestServer } from '../helpers/server';
import { startSubscriber } from '../helpers/subscriber';
import { eventually } from '../helpers/v1';

let server: TestServer | undefined;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

type OnFinished = (fn: () => Promise<void>) => void;

const OBJECT_ID = /^[0-9a-f]{24}$/;
const PUSH_KEYS = ['push_type', 'retries', 'retries_delay', 'error_queue', 'subscribers'];
/** Every queue name in this file starts with a letter, so the list test's `0…` names sort first. */
const label = (name: string) => `v1node-${name}`;

/** A v1 client on a fresh queue name; the queue is deleted (if it exists) when the test finishes. */
function tempClient(onTestFinished: OnFinished, name: string): { q: string; mq: IronMqNodeV1 } {
  const q = uniqueQueueName(label(name));
  const mq = ironMqNodeV1(server!, q);
  onTestFinished(async () => {
    await mq.del_queue().catch(() => undefined);
  });
  return { q, mq };
}

async function postAll(mq: IronMqNodeV1, messages: (string | NewMessageV1)[]): Promise<string[]> {
  return (await mq.post(messages)) as string[];
}

const asList = (value: IronMessageV1 | IronMessageV1[] | undefined) => value as IronMessageV1[];
const asOne = (value: IronMessageV1 | IronMessageV1[] | undefined) => value as IronMessageV1;

/** Bodies of the messages available now, in order, without reserving any. */
async function peekBodies(mq: IronMqNodeV1): Promise<string[]> {
  return (await mq.peek_n({ n: 100 })).map((m) => m.body);
}

describe.concurrent('queues, info, update, clear, del_queue', () => {
  it('queues is a bare list of {id, project_id, name}, paged by page (0-based) and per_page', async ({
    onTestFinished,
  }) => {
    // Names starting with "0" sort before every other queue this file makes.
    const prefix = `0list-${process.pid}-${Math.random().toString(36).slice(2, 8)}`;
    const names = ['a', 'b', 'c', 'd', 'e'].map((suffix) => `${prefix}-${suffix}`);
    const mq = ironMqNodeV1(server!, names[0]);
    const ids: string[] = [];
    for (const name of names) {
      onTestFinished(async () => {
        await mq.queue(name).del_queue().catch(() => undefined);
      });
      ids.push((await mq.queue(name).update({})).id);
    }
    const first = await mq.queues({});
    expect(first.slice(0, 5)).toEqual(
      names.map((name, i) => ({ id: ids[i], project_id: server!.projectId, name })),
    );
    for (const item of first) {
      expect(Object.keys(item).sort()).toEqual(['id', 'name', 'project_id']);
      expect(item.id).toMatch(OBJECT_ID);
    }
    expect((await mq.queues({ per_page: 2 })).map((q) => q.name)).toEqual(names.slice(0, 2));
    expect((await mq.queues({ page: 0, per_page: 2 })).map((q) => q.name)).toEqual(names.slice(0, 2));
    expect((await mq.queues({ page: 1, per_page: 2 })).map((q) => q.name)).toEqual(names.slice(2, 4));
    expect((await mq.queues({ page: 2, per_page: 2 }))[0].name).toBe(names[4]);
    expect((await mq.queues({ page: 4, per_page: 1 })).map((q) => q.name)).toEqual([names[4]]);
    expect(await mq.queues({ page: 100, per_page: 100 })).toEqual([]);
  });

  it('info is the bare queue object: id, project_id, name, size, total_messages and reserved', async ({
    onTestFinished,
  }) => {
    const { q, mq } = tempClient(onTestFinished, 'info');
    await postAll(mq, ['a', 'b', 'c']);
    const got = await mq.get_n({ n: 2, timeout: 30 });
    expect(got).toHaveLength(2);
    const info = await mq.info();
    expect(info).toEqual({
      id: expect.stringMatching(OBJECT_ID),
      project_id: server!.projectId,
      name: q,
      size: 3,
      total_messages: 3,
      reserved: 2,
    });
    await mq.del(got[0].id);
    expect(await mq.info()).toMatchObject({ size: 2, total_messages: 3, reserved: 1, id: info.id });
  });

  it('update creates a missing queue, sets push settings, and push_type "pull" removes them again', async ({
    onTestFinished,
  }) => {
    const { q, mq } = tempClient(onTestFinished, 'update');
    await expect(mq.info()).rejects.toThrow('Queue not found');
    const created = await mq.update({});
    expect(created).toMatchObject({ name: q, project_id: server!.projectId, size: 0, total_messages: 0, reserved: 0 });
    for (const key of [...PUSH_KEYS, 'alerts']) expect(created).not.toHaveProperty(key);
    await mq.post('kept');

    const subscriber = { url: 'http://127.0.0.1:9/never', headers: { 'X-Test': 'yes' } };
    const push = await mq.update({
      push_type: 'unicast',
      retries: 5,
      retries_delay: 30,
      error_queue: `${q}-errors`,
      subscribers: [subscriber],
    });
    expect(push).toMatchObject({
      name: q,
      size: 1,
      push_type: 'unicast',
      retries: 5,
      retries_delay: 30,
      error_queue: `${q}-errors`,
      subscribers: [subscriber],
    });
    expect(await mq.info()).toEqual(push);

    const pull = await mq.update({ push_type: 'pull' });
    expect(pull).toMatchObject({ id: created.id, name: q, total_messages: 1 });
    for (const key of PUSH_KEYS) expect(pull).not.toHaveProperty(key);
    expect(await mq.info()).toEqual(pull);
  });

  it('update with alerts on a pull queue stores them with ids', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'update-alerts');
    const alert = { type: 'fixed', direction: 'asc', trigger: 10, queue: `${q}-alerts`, snooze: 0 };
    const updated = await mq.update({ alerts: [alert] });
    expect(updated.alerts).toEqual([{ ...alert, id: expect.stringMatching(OBJECT_ID) }]);
    expect((await mq.info()).alerts).toEqual(updated.alerts);
  });

  it('clear removes every message, reserved ones too', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'clear');
    await postAll(mq, ['a', 'b', 'c']);
    await mq.get({ timeout: 30 });
    expect(await mq.clear()).toEqual({ msg: 'Cleared' });
    expect(await mq.info()).toMatchObject({ size: 0, total_messages: 3, reserved: 0 });
    expect(await mq.peek_n({ n: 10 })).toEqual([]);
    expect(await mq.get_n({ n: 10 })).toEqual([]);
  });

  it('del_queue answers "Deleted."; afterwards info and a second del_queue fail', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'delq');
    await mq.post('x');
    expect(await mq.del_queue()).toEqual({ msg: 'Deleted.' });
    await expect(mq.del_queue()).rejects.toThrow('Queue not found');
    await expect(mq.info()).rejects.toThrow('Queue not found');
    expect((await mq.queues({ per_page: 100 })).map((item) => item.name)).not.toContain(q);
  });
});

describe.concurrent('post', () => {
  it('one message returns its id; several return the ids in order', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'post');
    const single = await mq.post('only');
    expect(single).toMatch(MESSAGE_ID);
    const many = await mq.post(['first', { body: 'second' }, { body: 'third', timeout: 45 }]);
    expect(many).toHaveLength(3);
    for (const id of many) expect(id).toMatch(MESSAGE_ID);
    expect((await mq.peek_n({ n: 10 })).map((m) => [m.id, m.body])).toEqual([
      [single, 'only'],
      [many[0], 'first'],
      [many[1], 'second'],
      [many[2], 'third'],
    ]);
    expect(await mq.info()).toMatchObject({ size: 4, total_messages: 4 });
  });

  it('timeout is the message reservation length when get omits timeout; get timeout overrides it', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'post-timeout');
    const [long, plain, other] = await postAll(mq, [
      { body: 'long', timeout: 120 },
      'plain',
      { body: 'other', timeout: 120 },
    ]);
    expect(await mq.get({})).toEqual({ id: long, body: 'long', timeout: 120, reserved_count: 1 });
    expect(await mq.get({})).toEqual({ id: plain, body: 'plain', timeout: 60, reserved_count: 1 });
    expect(await mq.get({ timeout: 30 })).toEqual({ id: other, body: 'other', timeout: 30, reserved_count: 1 });
    expect((await mq.msg_get(long)).timeout).toBe(120);
  });

  it('timeout: a message posted with timeout 1 comes back 1 s after a get that omits timeout', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'post-timeout-short');
    const id = (await mq.post({ body: 'brief', timeout: 1 })) as string;
    const got = asOne(await mq.get({}));
    expect(got).toEqual({ id, body: 'brief', timeout: 1, reserved_count: 1 });
    expect(await mq.get({})).toBeUndefined();
    const again = await eventually(() => mq.get({ timeout: 30 }), (m) => m !== undefined, 5_000);
    expect(again).toMatchObject({ id, reserved_count: 2, timeout: 30 });
  });

  it('delay hides the message until the delay passes', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'post-delay');
    const started = Date.now();
    const id = (await mq.post({ body: 'later', delay: 1 })) as string;
    expect(await mq.peek({})).toBeUndefined();
    expect(await mq.get({})).toBeUndefined();
    expect(await mq.info()).toMatchObject({ size: 1 });
    const got = await eventually(() => mq.get({ timeout: 30 }), (m) => m !== undefined, 5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(got).toMatchObject({ id, body: 'later', reserved_count: 1 });
  });

  it('expires_in removes the message once it passes; others stay', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'post-expires');
    const [short, long] = await postAll(mq, [
      { body: 'short', expires_in: 1 },
      { body: 'long', expires_in: 3600 },
    ]);
    expect(await peekBodies(mq)).toEqual(['short', 'long']);
    await eventually(() => peekBodies(mq), (bodies) => bodies.length === 1, 6_000);
    expect(await peekBodies(mq)).toEqual(['long']);
    await expect(mq.msg_get(short)).rejects.toThrow('Message not found');
    expect((await mq.msg_get(long)).body).toBe('long');
    expect(await mq.info()).toMatchObject({ size: 1, total_messages: 2 });
  });
});

describe.concurrent('get, get_n, peek, peek_n, msg_get', () => {
  it('get reserves one message (no reservation id); get with n and get_n return several in order', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'get');
    const ids = await postAll(mq, ['a', 'b', 'c', 'd', 'e']);
    const first = asOne(await mq.get({}));
    expect(first).toEqual({ id: ids[0], body: 'a', timeout: 60, reserved_count: 1 });
    expect(asList(await mq.get({ n: 2 })).map((m) => [m.id, m.body, m.reserved_count])).toEqual([
      [ids[1], 'b', 1],
      [ids[2], 'c', 1],
    ]);
    expect((await mq.get_n({ n: 10 })).map((m) => m.id)).toEqual([ids[3], ids[4]]);
    expect(await mq.get({})).toBeUndefined();
    expect(await mq.get_n({ n: 3 })).toEqual([]);
    expect(await mq.info()).toMatchObject({ size: 5, reserved: 5 });
  });

  it('get and peek on a queue that does not exist answer empty and do not create it', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'get-missing');
    expect(await mq.get_n({ n: 1 })).toEqual([]);
    expect(await mq.get({})).toBeUndefined();
    expect(await mq.peek_n({ n: 5 })).toEqual([]);
    expect(await mq.peek({})).toBeUndefined();
    await expect(mq.info()).rejects.toThrow('Queue not found');
  });

  it('wait holds an empty get for the wait, and returns as soon as a message is posted', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'wait');
    await mq.update({});
    let started = Date.now();
    expect(await mq.get_n({ n: 1, wait: 1 })).toEqual([]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);

    started = Date.now();
    const pending = mq.get({ wait: 10, timeout: 30 });
    await sleep(300);
    const id = await mq.post('arrived');
    expect(await pending).toMatchObject({ id, body: 'arrived', reserved_count: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('peek returns the first message, peek_n up to n, without reserving', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'peek');
    const ids = await postAll(mq, ['a', 'b', 'c']);
    expect(asOne(await mq.peek({}))).toMatchObject({ id: ids[0], body: 'a', timeout: 60, reserved_count: 0 });
    expect((await mq.peek_n({ n: 2 })).map((m) => [m.id, m.body, m.reserved_count])).toEqual([
      [ids[0], 'a', 0],
      [ids[1], 'b', 0],
    ]);
    expect(await mq.info()).toMatchObject({ reserved: 0 });
    await mq.get({ timeout: 30 });
    expect(asList(await mq.peek({ n: 5 })).map((m) => m.id)).toEqual([ids[1], ids[2]]);
  });

  it('msg_get returns the bare message with its status, and does not reserve', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'msgget');
    const id = (await mq.post({ body: 'hello', timeout: 90 })) as string;
    const fresh = await mq.msg_get(id);
    expect(fresh).toEqual({ id, body: 'hello', timeout: 90, status: expect.any(String), reserved_count: 0 });
    expect(['available', 'queued']).toContain(fresh.status);
    expect(await mq.info()).toMatchObject({ reserved: 0 });
    await mq.get({});
    expect(await mq.msg_get(id)).toEqual({ id, body: 'hello', timeout: 90, status: 'reserved', reserved_count: 1 });
    await mq.del(id);
    await expect(mq.msg_get(id)).rejects.toThrow('Message not found');
  });
});

describe.concurrent('del, del_multiple, msg_touch, msg_release', () => {
  it('del deletes with no reservation, reserved or not; a second del fails', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'del');
    const [reserved, plain] = await postAll(mq, ['reserved', 'plain']);
    expect(asOne(await mq.get({})).id).toBe(reserved);
    expect(await mq.del(reserved)).toEqual({ msg: 'Deleted' });
    expect(await mq.del(plain)).toEqual({ msg: 'Deleted' });
    await expect(mq.del(plain)).rejects.toThrow('Message not found');
    expect(await mq.info()).toMatchObject({ size: 0, reserved: 0, total_messages: 2 });
  });

  it('del_multiple deletes the listed ids, reserved or not, and nothing else', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'delmulti');
    const ids = await postAll(mq, ['a', 'b', 'c', 'd']);
    await mq.get({});
    expect(await mq.del_multiple([ids[0], ids[2]])).toEqual({ msg: 'Deleted' });
    expect(await peekBodies(mq)).toEqual(['b', 'd']);
    expect(await mq.info()).toMatchObject({ size: 2, reserved: 0 });
  });

  it('msg_touch extends the current reservation by the message timeout', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'touch');
    const id = (await mq.post({ body: 'touch me', timeout: 2 })) as string;
    const started = Date.now();
    expect(asOne(await mq.get({})).id).toBe(id);
    await sleep(1_200);
    expect(await mq.msg_touch(id)).toEqual({ msg: 'Touched' });
    // Untouched, the reservation would have lapsed at 2 s; touched at 1.2 s it holds until 3.2 s.
    await sleep(Math.max(0, 2_600 - (Date.now() - started)));
    expect(await mq.get({})).toBeUndefined();
    expect((await mq.msg_get(id)).status).toBe('reserved');
    const again = await eventually(() => mq.get({ timeout: 30 }), (m) => m !== undefined, 5_000);
    expect(again).toMatchObject({ id });
  });

  it('msg_release puts the message back at once; with a delay, after the delay', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'release');
    const id = (await mq.post('back')) as string;
    await mq.get({ timeout: 30 });
    expect(await mq.msg_release(id, {})).toEqual({ msg: 'Released' });
    expect(asOne(await mq.get({ timeout: 30 }))).toMatchObject({ id, reserved_count: 2 });

    expect(await mq.msg_release(id, { delay: 1 })).toEqual({ msg: 'Released' });
    expect(await mq.get({})).toBeUndefined();
    expect(await mq.info()).toMatchObject({ size: 1, reserved: 0 });
    const back = await eventually(() => mq.get({ timeout: 30 }), (m) => m !== undefined, 5_000);
    expect(back).toMatchObject({ id, body: 'back', reserved_count: 3 });
  });
});

describe.concurrent('push queues', () => {
  it('add_subscribers creates the queue as multicast; rm_subscribers removes by url', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'subs');
    const [one, two] = ['http://127.0.0.1:9/one', 'http://127.0.0.1:9/two'];
    const added = await mq.add_subscribers({ url: one });
    expect(added).toMatchObject({ name: q, size: 0, push_type: 'multicast', subscribers: [{ url: one }] });
    const both = await mq.add_subscribers([{ url: two }]);
    expect(both.subscribers!.map((s) => s.url)).toEqual([one, two]);
    const removed = await mq.rm_subscribers({ url: one });
    expect(removed).toMatchObject({ name: q, push_type: 'multicast' });
    expect(removed.subscribers!.map((s) => s.url)).toEqual([two]);
    expect(await mq.info()).toEqual(removed);
  });

  it('msg_push_statuses lists each subscriber; del_msg_push_status acknowledges a 202', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'ack');
    const subscriber = await startSubscriber({ '/accepted': 202 });
    onTestFinished(() => subscriber.close());
    const [accepted, done] = [subscriber.url('/accepted'), subscriber.url('/done')];
    await mq.add_subscribers([{ url: accepted }, { url: done }]);
    const id = (await mq.post({ body: 'pushed', timeout: 30 })) as string;
    const pushes = await eventually(async () => subscriber.received.slice(), (list) => list.length === 2);
    expect(pushes.map((p) => [p.method, p.path, p.body, p.headers['iron-message-id']]).sort()).toEqual([
      ['POST', '/accepted', 'pushed', id],
      ['POST', '/done', 'pushed', id],
    ]);

    const statuses = await eventually(
      async () => (await mq.msg_push_statuses(id)).subscribers,
      (list) => list.length === 2 && list.every((s) => s.status_code !== 0),
    );
    const byUrl = Object.fromEntries(statuses.map((s) => [s.url, s]));
    expect(Object.keys(byUrl).sort()).toEqual([accepted, done].sort());
    expect(byUrl[accepted]).toMatchObject({ status: 'reserved', status_code: 202, retried: 1 });
    expect(byUrl[done]).toMatchObject({ status: 'deleted', status_code: 200, retried: 1 });
    for (const s of statuses) {
      expect(s.id).toMatch(/^[0-9]+$/);
      expect(s).toHaveProperty('retries_remaining');
    }

    expect(await mq.del_msg_push_status(id, byUrl[accepted].id)).toEqual({ msg: 'Deleted' });
    const after = (await mq.msg_push_statuses(id)).subscribers;
    expect(after.map((s) => s.status)).toEqual(['deleted', 'deleted']);
    expect(await mq.info()).toMatchObject({ size: 0 });
    await expect(mq.del_msg_push_status(id, '999')).rejects.toThrow('Message not found');
  });
});

describe.concurrent('alerts', () => {
  it('add_alerts creates a missing queue; update_alerts replaces; delete_alerts and delete_alert_by_id remove', async ({
    onTestFinished,
  }) => {
    const { q, mq } = tempClient(onTestFinished, 'alerts');
    const target = `${q}-target`;
    const a = { type: 'fixed', direction: 'asc', trigger: 10, queue: target, snooze: 0 };
    const b = { type: 'progressive', direction: 'desc', trigger: 5, queue: target, snooze: 60 };
    expect(await mq.add_alerts(a)).toEqual({ msg: 'Alerts were added.' });
    expect((await mq.info()).alerts).toEqual([{ ...a, id: expect.stringMatching(OBJECT_ID) }]);
    expect(await mq.add_alerts([b])).toEqual({ msg: 'Alerts were added.' });
    expect((await mq.info()).alerts).toHaveLength(2);

    expect(await mq.update_alerts([a, b])).toEqual({ msg: 'Alerts were replaced.' });
    const replaced = (await mq.info()).alerts!;
    expect(replaced.map(({ id: _id, ...rest }) => rest)).toEqual([a, b]);

    expect(await mq.delete_alerts([{ id: replaced[0].id }])).toEqual({ msg: 'Alerts were deleted.' });
    expect((await mq.info()).alerts!.map((alert) => alert.id)).toEqual([replaced[1].id]);
    expect(await mq.delete_alert_by_id(replaced[1].id)).toEqual({ msg: 'Alerts were deleted.' });
    expect(await mq.info()).not.toHaveProperty('alerts');
    await expect(mq.delete_alert_by_id(replaced[1].id)).rejects.toThrow('Alert not found');
  });

  it('an alert added through v1 fires when v1 posts cross its trigger', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'alerts-fire');
    const target = tempClient(onTestFinished, 'alerts-fire-target');
    await mq.add_alerts({ type: 'fixed', direction: 'asc', trigger: 2, queue: target.q });
    await postAll(mq, ['a', 'b', 'c']);
    const fired = await eventually(() => target.mq.peek_n({ n: 10 }), (list) => list.length > 0);
    expect(fired).toHaveLength(1);
    expect(JSON.parse(fired[0].body)).toMatchObject({ source_queue: q, queue_size: 3, alert_trigger: 2 });
  });
});

describe.concurrent('v1 and v3 clients share queues and messages', () => {
  it('posted via v1, reserved and deleted via v3', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'shared-v1-post');
    const v3 = ironMqNode(server!, q);
    const ids = await postAll(mq, ['one', 'two']);
    expect((await v3.info()).size).toBe(2);
    const reserved = (await v3.reserve({ timeout: 30 })) as IronMessage;
    expect(reserved).toMatchObject({ id: ids[0], body: 'one', reserved_count: 1 });
    expect(reserved.reservation_id).toMatch(RESERVATION_ID);
    expect(await mq.info()).toMatchObject({ size: 2, reserved: 1 });
    expect((await mq.msg_get(ids[0])).status).toBe('reserved');
    expect(asOne(await mq.get({}))).toMatchObject({ id: ids[1], body: 'two' });
    expect(await v3.del(reserved.id, { reservation_id: reserved.reservation_id })).toEqual({ msg: 'Deleted' });
    expect(await mq.info()).toMatchObject({ size: 1, reserved: 1 });
  });

  it('posted via v3, reserved, touched, released and deleted via v1', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'shared-v3-post');
    const v3 = ironMqNode(server!, q);
    await v3.create_queue(q, {});
    const ids = (await v3.post(['x', 'y'])) as string[];
    expect(await mq.info()).toMatchObject({ name: q, size: 2, total_messages: 2, reserved: 0 });
    const got = asOne(await mq.get({ timeout: 30 }));
    expect(got).toEqual({ id: ids[0], body: 'x', timeout: 30, reserved_count: 1 });
    expect((await v3.peek_n({ n: 5 })).map((m) => m.id)).toEqual([ids[1]]);
    expect(await mq.msg_touch(got.id)).toEqual({ msg: 'Touched' });
    expect(await mq.msg_release(got.id, {})).toEqual({ msg: 'Released' });
    const again = (await v3.reserve({ timeout: 30 })) as IronMessage;
    expect(again.id).toBe(ids[0]);
    expect(await mq.del(again.id)).toEqual({ msg: 'Deleted' });
    expect((await v3.peek_n({ n: 5 })).map((m) => m.body)).toEqual(['y']);
  });

  it('queues made by one API appear in the other; del_queue via v1 removes it for v3', async ({
    onTestFinished,
  }) => {
    const { q, mq } = tempClient(onTestFinished, 'shared-queue');
    const v3 = ironMqNode(server!, q);
    await v3.create_queue(q, {});
    const info = await mq.info();
    expect(info).toMatchObject({ name: q, size: 0 });
    expect((await mq.queues({ per_page: 100 })).find((item) => item.name === q)).toEqual({
      id: info.id,
      project_id: server!.projectId,
      name: q,
    });
    expect(await v3.queues({ prefix: q })).toEqual([{ name: q }]);
    expect(await mq.del_queue()).toEqual({ msg: 'Deleted.' });
    expect(await v3.queues({ prefix: q })).toEqual([]);
    await expect(v3.info()).rejects.toThrow();
  });
});
