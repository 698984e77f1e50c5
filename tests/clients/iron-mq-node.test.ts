// The official Node client (npm iron_mq 0.9.3, docs/api.md §8.3) against a real Ferro process:
// every pull-queue call it offers, with the results it hands its caller. Push calls
// (add/rm/rpl_subscribers, msg_push_statuses, del_msg_push_status) are covered elsewhere.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MESSAGE_ID, RESERVATION_ID, sleep, uniqueQueueName } from '../helpers/api';
import { ironMqNode, type IronMessage, type IronMqNode } from '../helpers/iron-mq-node';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer | undefined;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

type OnFinished = (fn: () => Promise<void>) => void;

/** A client on a fresh queue name; the queue is deleted (if it exists) when the test finishes. */
function tempClient(onTestFinished: OnFinished, label: string): { q: string; mq: IronMqNode } {
  const q = uniqueQueueName(`node-${label}`);
  const mq = ironMqNode(server!, q);
  onTestFinished(async () => {
    await mq.del_queue().catch(() => undefined);
  });
  return { q, mq };
}

/** Posts several bodies in one call; the ids come back in request order. */
async function postAll(mq: IronMqNode, bodies: string[]): Promise<string[]> {
  return (await mq.post(bodies)) as string[];
}

const asList = (value: IronMessage | IronMessage[] | undefined) => value as IronMessage[];
const asOne = (value: IronMessage | IronMessage[] | undefined) => value as IronMessage;

describe.concurrent('queues', () => {
  it('queues lists names only, sorted, filtered by prefix, paged by per_page and previous', async ({
    onTestFinished,
  }) => {
    const prefix = uniqueQueueName('node-list');
    const names = ['a', 'aa', 'aaa', 'aaaa', 'aaaaa'].map((suffix) => `${prefix}-${suffix}`);
    const mq = ironMqNode(server!, names[0]);
    for (const name of names) {
      await mq.create_queue(name, {});
      onTestFinished(async () => {
        await mq.queue(name).del_queue().catch(() => undefined);
      });
    }
    expect(await mq.queues({ prefix })).toEqual(names.map((name) => ({ name })));
    expect(await mq.queues({ prefix, per_page: 2 })).toEqual(names.slice(0, 2).map((name) => ({ name })));
    const page = await mq.queues({ prefix, per_page: 2, previous: names[1] });
    expect(page).toEqual(names.slice(2, 4).map((name) => ({ name })));
    expect(await mq.queues({ prefix: `${prefix}-b` })).toEqual([]);
    const unfiltered = await mq.queues({ per_page: 100 });
    expect(unfiltered.length).toBeGreaterThan(0);
    for (const item of unfiltered) expect(Object.keys(item)).toEqual(['name']);
  });

  it('create_queue creates (and upserts) and answers with the queue; info reads it back', async ({
    onTestFinished,
  }) => {
    const { q, mq } = tempClient(onTestFinished, 'create');
    const created = await mq.create_queue(q, { message_timeout: 69, message_expiration: 404 });
    expect(created.queue).toMatchObject({
      name: q,
      project_id: server!.projectId,
      message_timeout: 69,
      message_expiration: 404,
      type: 'pull',
    });
    const upserted = await mq.create_queue(q, { message_timeout: 70 });
    expect(upserted.queue).toMatchObject({ name: q, message_timeout: 70, message_expiration: 404 });
    expect(await mq.info()).toMatchObject({
      name: q,
      project_id: server!.projectId,
      size: 0,
      total_messages: 0,
      message_timeout: 70,
      message_expiration: 404,
      type: 'pull',
    });
  });

  it('update_queue and queue(name).update change settings and answer with the full queue', async ({
    onTestFinished,
  }) => {
    const { q, mq } = tempClient(onTestFinished, 'update');
    await mq.create_queue(q, {});
    await mq.post(['one', 'two']);
    const updated = await mq.update_queue(q, { message_timeout: 120 });
    expect(updated.queue).toMatchObject({ name: q, message_timeout: 120, size: 2, total_messages: 2 });
    const viaQueue = await mq.queue(q).update({ message_expiration: 7200 });
    expect(viaQueue.queue).toMatchObject({ name: q, message_timeout: 120, message_expiration: 7200 });
    expect(await mq.info()).toMatchObject({ message_timeout: 120, message_expiration: 7200, size: 2 });
  });

  it('info counts reserved messages in size and every post in total_messages', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'info');
    await mq.post(['a', 'b', 'c']);
    const reserved = asOne(await mq.reserve({}));
    expect(await mq.info()).toMatchObject({ size: 3, total_messages: 3 });
    await mq.del(reserved.id, { reservation_id: reserved.reservation_id });
    expect(await mq.info()).toMatchObject({ size: 2, total_messages: 3 });
  });

  it('clear removes every message, reserved ones too', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'clear');
    await mq.post(['a', 'b', 'c']);
    await mq.reserve({ timeout: 30 });
    expect(await mq.clear()).toEqual({ msg: 'Cleared' });
    expect(await mq.info()).toMatchObject({ size: 0 });
    expect(await mq.peek_n({ n: 10 })).toEqual([]);
    expect(await mq.get_n({ n: 10 })).toEqual([]);
  });

  it('del_queue deletes the queue; a second del_queue and info fail', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'delq');
    await mq.post('x');
    expect(await mq.del_queue()).toEqual({ msg: 'Deleted' });
    await expect(mq.del_queue()).rejects.toThrow('Queue not found');
    await expect(mq.info()).rejects.toThrow();
    expect(await mq.queues({ prefix: q })).toEqual([]);
  });
});

describe.concurrent('errors surface as errors', () => {
  it('calls on a missing queue reject', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'missing');
    // iron_mq hands info, msg_get and queues only the unwrapped field of a GET answer, so a 404
    // reaches the caller as "Unknown error"; the other calls carry the server's msg.
    await expect(mq.info()).rejects.toThrow();
    await expect(mq.msg_get('1')).rejects.toThrow();
    await expect(mq.peek_n({ n: 1 })).rejects.toThrow('Queue not found');
    await expect(mq.reserve({})).rejects.toThrow('Queue not found');
    await expect(mq.update({ message_timeout: 30 })).rejects.toThrow('Queue not found');
    await expect(mq.clear()).rejects.toThrow('Queue not found');
    await expect(mq.del('1', {})).rejects.toThrow('Queue not found');
    await expect(mq.msg_touch('1', 'a'.repeat(32), {})).rejects.toThrow('Queue not found');
  });

  it('calls on a missing message reject with Message not found', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'nomsg');
    const id = (await mq.post('x')) as string;
    await mq.del(id, {});
    await expect(mq.msg_get(id)).rejects.toThrow();
    await expect(mq.del(id, {})).rejects.toThrow('Message not found');
    await expect(mq.msg_touch(id, 'a'.repeat(32), {})).rejects.toThrow('Message not found');
    await expect(mq.msg_release(id, 'a'.repeat(32), {})).rejects.toThrow('Message not found');
  });
});

describe.concurrent('post, peek and msg_get', () => {
  it('post of one message returns its id; of several, the ids in order', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'post');
    const single = await mq.post('only');
    expect(single).toMatch(MESSAGE_ID);
    const many = await mq.post(['first', { body: 'second' }, { body: 'third', delay: 0 }, '']);
    expect(many).toHaveLength(4);
    for (const id of many) expect(id).toMatch(MESSAGE_ID);
    expect(new Set([single, ...many]).size).toBe(5);
    const peeked = await mq.peek_n({ n: 10 });
    expect(peeked.map((m) => [m.id, m.body])).toEqual([
      [single, 'only'],
      [many[0], 'first'],
      [many[1], 'second'],
      [many[2], 'third'],
      [many[3], ''],
    ]);
  });

  it('peek returns the first message (or undefined); peek_n returns up to n in order without reserving', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'peek');
    const empty = tempClient(onTestFinished, 'peek-empty');
    await empty.mq.create_queue(empty.q, {});
    expect(await empty.mq.peek({})).toBeUndefined();
    expect(await empty.mq.peek_n({ n: 5 })).toEqual([]);

    const ids = await postAll(mq, ['a', 'b', 'c']);
    expect(await mq.peek({})).toEqual({ id: ids[0], body: 'a', reserved_count: 0 });
    expect(await mq.peek_n({ n: 2 })).toEqual([
      { id: ids[0], body: 'a', reserved_count: 0 },
      { id: ids[1], body: 'b', reserved_count: 0 },
    ]);
    const reserved = asOne(await mq.reserve({ timeout: 30 }));
    expect(reserved.id).toBe(ids[0]);
    expect((await mq.peek_n({ n: 3 })).map((m) => m.id)).toEqual([ids[1], ids[2]]);
    expect(asList(await mq.peek({ n: 5 })).map((m) => m.body)).toEqual(['b', 'c']);
  });

  it('msg_get returns id, body and reserved_count without a reservation id, and does not reserve', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'msgget');
    const id = (await mq.post('hello')) as string;
    expect(await mq.msg_get(id)).toEqual({ id, body: 'hello', reserved_count: 0 });
    expect(await mq.msg_get(id)).toEqual({ id, body: 'hello', reserved_count: 0 });
    const reserved = asOne(await mq.reserve({ timeout: 30 }));
    expect(reserved.id).toBe(id);
    const seen = await mq.msg_get(id);
    expect(seen).toEqual({ id, body: 'hello', reserved_count: 1 });
    expect(seen).not.toHaveProperty('reservation_id');
  });
});

describe.concurrent('reserve, get and get_n', () => {
  it('reserve returns one message with a reservation id; get and get_n return n in order', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'reserve');
    const ids = await postAll(mq, ['a', 'b', 'c', 'd', 'e']);
    const first = asOne(await mq.reserve({}));
    expect(first).toEqual({ id: ids[0], body: 'a', reserved_count: 1, reservation_id: expect.any(String) });
    expect(first.reservation_id).toMatch(RESERVATION_ID);
    const two = asList(await mq.get({ n: 2 }));
    expect(two.map((m) => [m.id, m.body, m.reserved_count])).toEqual([
      [ids[1], 'b', 1],
      [ids[2], 'c', 1],
    ]);
    const one = await mq.get_n({ n: 1 });
    expect(one.map((m) => m.id)).toEqual([ids[3]]);
    const single = asOne(await mq.get({}));
    expect(single.id).toBe(ids[4]);
    const reservationIds = [first, ...two, ...one, single].map((m) => m.reservation_id);
    expect(new Set(reservationIds).size).toBe(5);
    expect(await mq.reserve({})).toBeUndefined();
    expect(await mq.get_n({ n: 3 })).toEqual([]);
  });

  it('timeout: the message comes back when its reservation lapses, and the old reservation id is dead', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'timeout');
    const id = (await mq.post('lapse')) as string;
    const first = asOne(await mq.reserve({ timeout: 1 }));
    expect(first.id).toBe(id);
    expect(await mq.reserve({})).toBeUndefined();
    await sleep(1_500);
    const second = asOne(await mq.reserve({ timeout: 30 }));
    expect(second).toMatchObject({ id, body: 'lapse', reserved_count: 2 });
    expect(second.reservation_id).not.toBe(first.reservation_id);
    await expect(mq.del(id, { reservation_id: first.reservation_id })).rejects.toThrow();
    expect(await mq.del(id, { reservation_id: second.reservation_id })).toEqual({ msg: 'Deleted' });
  });

  it('wait: holds the request for the full wait when nothing arrives', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'wait-empty');
    await mq.create_queue(q, {});
    const started = Date.now();
    expect(await mq.reserve({ wait: 2 })).toBeUndefined();
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(1_900);
    expect(elapsed).toBeLessThan(4_000);
  });

  it('wait: returns as soon as a message is posted', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'wait-post');
    await mq.create_queue(q, {});
    const started = Date.now();
    const pending = mq.reserve({ wait: 10 });
    await sleep(300);
    const id = await mq.post('arrived');
    const got = asOne(await pending);
    expect(got).toMatchObject({ id, body: 'arrived', reserved_count: 1 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('delete: true removes the returned messages at once', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'rdelete');
    const ids = await postAll(mq, ['a', 'b', 'c']);
    const got = asList(await mq.reserve({ n: 2, delete: true }));
    expect(got.map((m) => [m.id, m.body])).toEqual([
      [ids[0], 'a'],
      [ids[1], 'b'],
    ]);
    expect(await mq.info()).toMatchObject({ size: 1 });
    expect((await mq.peek_n({ n: 5 })).map((m) => m.id)).toEqual([ids[2]]);
    await expect(mq.msg_get(ids[0])).rejects.toThrow();
  });
});

describe.concurrent('del and del_multiple', () => {
  it('del with the reservation id deletes a reserved message; without it or with a wrong one it fails', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'del');
    const ids = await postAll(mq, ['reserved', 'plain']);
    const m = asOne(await mq.reserve({ timeout: 30 }));
    expect(m.id).toBe(ids[0]);
    await expect(mq.del(m.id, {})).rejects.toThrow();
    await expect(mq.del(m.id, { reservation_id: 'f'.repeat(32) })).rejects.toThrow();
    expect(await mq.del(m.id, { reservation_id: m.reservation_id })).toEqual({ msg: 'Deleted' });
    await expect(mq.del(m.id, { reservation_id: m.reservation_id })).rejects.toThrow('Message not found');
    expect(await mq.del(ids[1], {})).toEqual({ msg: 'Deleted' });
    expect(await mq.info()).toMatchObject({ size: 0 });
  });

  it('del_multiple by ids deletes those messages only', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'delmulti-ids');
    const ids = await postAll(mq, ['a', 'b', 'c']);
    expect(await mq.del_multiple({ ids: [ids[0], ids[2]] })).toEqual({ msg: 'Deleted' });
    expect((await mq.peek_n({ n: 5 })).map((m) => m.id)).toEqual([ids[1]]);
    // An empty ids list is a batch delete of nothing, never a clear (§0.13).
    expect(await mq.del_multiple({ ids: [] })).toEqual({ msg: 'Deleted' });
    expect(await mq.info()).toMatchObject({ size: 1 });
  });

  it('del_multiple by reservation_ids deletes reserved messages; a reserved id without it fails', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'delmulti-rids');
    const ids = await postAll(mq, ['a', 'b', 'c']);
    const reserved = asList(await mq.reserve({ n: 2, timeout: 30 }));
    expect(reserved.map((m) => m.id)).toEqual([ids[0], ids[1]]);
    await expect(mq.del_multiple({ ids: [ids[0]] })).rejects.toThrow();
    expect(await mq.del_multiple({ reservation_ids: reserved })).toEqual({ msg: 'Deleted' });
    expect(await mq.info()).toMatchObject({ size: 1 });
    expect((await mq.peek_n({ n: 5 })).map((m) => m.id)).toEqual([ids[2]]);
  });
});

describe.concurrent('msg_touch and msg_release', () => {
  it('msg_touch returns a new reservation id; the old one no longer works', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'touch');
    const id = (await mq.post('touch me')) as string;
    const m = asOne(await mq.reserve({ timeout: 30 }));
    const touched = await mq.msg_touch(id, m.reservation_id!, { timeout: 40 });
    expect(touched).toEqual({ msg: 'Touched', reservation_id: expect.stringMatching(RESERVATION_ID) });
    expect(touched.reservation_id).not.toBe(m.reservation_id);
    // Touch counts as a reservation (§3.9), so reserved_count goes from 1 to 2.
    expect(await mq.msg_get(id)).toEqual({ id, body: 'touch me', reserved_count: 2 });
    await expect(mq.msg_touch(id, m.reservation_id!, {})).rejects.toThrow();
    await expect(mq.msg_release(id, m.reservation_id!, {})).rejects.toThrow();
    await expect(mq.del(id, { reservation_id: m.reservation_id })).rejects.toThrow();
    const again = await mq.msg_touch(id, touched.reservation_id, {});
    expect(again.reservation_id).toMatch(RESERVATION_ID);
    expect(again.reservation_id).not.toBe(touched.reservation_id);
    expect(await mq.reserve({})).toBeUndefined();
    expect(await mq.del(id, { reservation_id: again.reservation_id })).toEqual({ msg: 'Deleted' });
  });

  it('msg_touch extends the reservation from now', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'touch-extend');
    const id = (await mq.post('extend')) as string;
    const m = asOne(await mq.reserve({ timeout: 1 }));
    const touched = await mq.msg_touch(id, m.reservation_id!, { timeout: 30 });
    await sleep(1_500);
    expect(await mq.reserve({})).toBeUndefined();
    expect(await mq.del(id, { reservation_id: touched.reservation_id })).toEqual({ msg: 'Deleted' });
  });

  it('msg_touch on a message that is not reserved fails', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'touch-free');
    const id = (await mq.post('free')) as string;
    await expect(mq.msg_touch(id, 'a'.repeat(32), {})).rejects.toThrow();
  });

  it('msg_release without delay makes the message available again at once, keeping reserved_count', async ({
    onTestFinished,
  }) => {
    const { mq } = tempClient(onTestFinished, 'release');
    const ids = await postAll(mq, ['first', 'second']);
    const m = asOne(await mq.reserve({ timeout: 30 }));
    expect(await mq.msg_release(m.id, m.reservation_id!, {})).toEqual({ msg: 'Released' });
    await expect(mq.msg_release(m.id, m.reservation_id!, {})).rejects.toThrow();
    const again = asOne(await mq.reserve({ timeout: 30 }));
    expect(again).toMatchObject({ id: ids[0], body: 'first', reserved_count: 2 });
  });

  it('msg_release with delay hides the message until the delay passes', async ({ onTestFinished }) => {
    const { mq } = tempClient(onTestFinished, 'release-delay');
    const id = (await mq.post('later')) as string;
    const m = asOne(await mq.reserve({ timeout: 30 }));
    expect(await mq.msg_release(id, m.reservation_id!, { delay: 1 })).toEqual({ msg: 'Released' });
    expect(await mq.peek({})).toBeUndefined();
    expect(await mq.reserve({})).toBeUndefined();
    expect(await mq.info()).toMatchObject({ size: 1 });
    await sleep(1_300);
    const back = asOne(await mq.reserve({ wait: 2 }));
    expect(back).toMatchObject({ id, body: 'later', reserved_count: 2 });
  });
});
