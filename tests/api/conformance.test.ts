// The conformance scenarios of docs/api.md §11 (1–7, 9, 10, 14), taken from the official
// clients' tests. Reservation timeouts and waits are scaled down from 30–40 s to 1–5 s, keeping
// each comparison's meaning, and the scenarios run side by side so the suite stays quick.
import { describe, expect, it } from 'vitest';
import { expectJson, expectMsg, sleep, uniqueQueueName, useApiServer } from '../helpers/api';

const api = useApiServer();

describe.concurrent('§11 conformance scenarios', () => {
  it('1: post 3, reserve n=3 in order; size stays 3 until each is deleted with its reservation', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'conf-1');
    const ids = await api.postOrThrow(q, ['one', 'two', 'three']);
    const reserved = await api.reserveOrThrow(q, { n: 3 });
    expect(reserved.map((m) => [m.id, m.body, m.reserved_count])).toEqual([
      [ids[0], 'one', 1],
      [ids[1], 'two', 1],
      [ids[2], 'three', 1],
    ]);
    for (const m of reserved) expect(m.reservation_id).not.toBe('');
    expect(await api.sizeOrThrow(q)).toBe(3);
    for (const m of reserved) {
      expectMsg(await api.deleteMessage(q, m.id, { reservation_id: m.reservation_id }), 200, 'Deleted');
    }
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it('2: a delete with a reservation that has timed out is 403', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'conf-2');
    await api.postOrThrow(q, ['a']);
    const [m] = await api.reserveOrThrow(q, { timeout: 1 });
    await sleep(1_500);
    expectMsg(await api.deleteMessage(q, m.id, { reservation_id: m.reservation_id }), 403, 'Reservation timed out');
    expectJson(await api.getMessage(q, m.id), 200);
  });

  it('3: touch extends the reservation from now; touching again with the new id gives another', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'conf-3');
    const [id] = await api.postOrThrow(q, ['a']);
    // Scaled from "reserve 30 s, touch 40 s, hidden at 35 s, visible at 45 s".
    const [m] = await api.reserveOrThrow(q, { timeout: 2 });
    const first = await api.touch(q, id, { reservation_id: m.reservation_id, timeout: 4 });
    expectJson(first, 200);
    const second = await api.touch(q, id, { reservation_id: first.body.reservation_id, timeout: 4 });
    expectJson(second, 200);
    expect(second.body).toMatchObject({ msg: 'Touched' });
    expect(new Set([m.reservation_id, first.body.reservation_id, second.body.reservation_id]).size).toBe(3);
    const touchedAt = Date.now();

    await sleep(touchedAt + 3_000 - Date.now());
    expect(await api.reserveOrThrow(q)).toEqual([]);
    await sleep(touchedAt + 5_000 - Date.now());
    expect((await api.reserveOrThrow(q)).map((x) => x.id)).toEqual([id]);
  });

  it('4: release with a delay hides the message until the delay is over, then it comes back', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'conf-4');
    const [id] = await api.postOrThrow(q, ['a']);
    const [m] = await api.reserveOrThrow(q);
    expectMsg(await api.release(q, id, { reservation_id: m.reservation_id, delay: 2 }), 200, 'Released');
    expect(await api.reserveOrThrow(q)).toEqual([]);
    await sleep(3_000);
    expect((await api.reserveOrThrow(q)).map((x) => x.id)).toEqual([id]);
  });

  it('5a: a long-poll on an empty queue holds for the whole wait, then answers {"messages": []}', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'conf-5a');
    await api.createQueueOrThrow(q);
    const started = Date.now();
    const res = await api.reserve(q, { wait: 3 });
    const elapsed = Date.now() - started;
    expectJson(res, 200, { messages: [] });
    expect(elapsed).toBeGreaterThanOrEqual(3_000);
    expect(elapsed).toBeLessThan(6_000);
  });

  it('5b: a long-poll answers as soon as a message arrives', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'conf-5b');
    await api.createQueueOrThrow(q);
    const waiting = api.reserve(q, { wait: 10 });
    await sleep(1_000);
    const [id] = await api.postOrThrow(q, ['arrived']);
    const postedAt = Date.now();
    const res = await waiting;
    expect(Date.now() - postedAt).toBeLessThan(1_000);
    expectJson(res, 200);
    expect(res.body.messages.map((m: { id: string }) => m.id)).toEqual([id]);
  });

  it('6: peek n=7 on 3 messages gives 3; with one reserved it gives 2', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'conf-6');
    const ids = await api.postOrThrow(q, ['a', 'b', 'c']);
    expect((await api.peekOrThrow(q, 7)).map((m) => m.id)).toEqual(ids);
    await api.reserveOrThrow(q);
    expect((await api.peekOrThrow(q, 3)).map((m) => m.id)).toEqual(ids.slice(1));
  });

  it('7: a delete:true reserve empties the queue at once and the message never returns', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'conf-7');
    const [id] = await api.postOrThrow(q, ['a']);
    const reserved = await api.reserveOrThrow(q, { delete: true, timeout: 1 });
    expect(reserved.map((m) => [m.id, m.body])).toEqual([[id, 'a']]);
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 0, total_messages: 1 });
    await sleep(1_500);
    expect(await api.reserveOrThrow(q)).toEqual([]);
    expectMsg(await api.getMessage(q, id), 404, 'Message not found');
  });

  it('9: list pages by previous/per_page, filters by prefix, and items hold only name', async ({
    onTestFinished,
  }) => {
    const p = `${uniqueQueueName('conf-9')}-`;
    const names = ['a', 'aa', 'aaa', 'aaaa', 'aaaaa', 'aaaaaa', 'abba', 'abbca', 'abbcb', 'abbcd', 'abbdd'].map((s) => p + s);
    for (const name of names) onTestFinished(() => api.dropQueue(name));
    await Promise.all(names.map((name) => api.createQueueOrThrow(name)));
    const page = await api.listQueues({ prefix: p, previous: `${p}aa`, per_page: 4 });
    expectJson(page, 200, { queues: ['aaa', 'aaaa', 'aaaaa', 'aaaaaa'].map((s) => ({ name: p + s })) });
    const filtered = await api.listQueues({ prefix: `${p}abbc` });
    expectJson(filtered, 200, { queues: ['abbca', 'abbcb', 'abbcd'].map((s) => ({ name: p + s })) });
  });

  it('10: info on a deleted or never-created queue is 404 Queue not found', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'conf-10');
    expectMsg(await api.getQueue(q), 404, 'Queue not found');
    await api.createQueueOrThrow(q);
    expectMsg(await api.deleteQueue(q), 200, 'Deleted');
    expectMsg(await api.getQueue(q), 404, 'Queue not found');
  });

  it('14: with max_reservations 1 the second reserve moves the message to the dead-letter queue', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'conf-14');
    const dlq = api.tempQueue(onTestFinished, 'conf-14-dlq');
    await api.createQueueOrThrow(q, { dead_letter: { queue_name: dlq, max_reservations: 1 } });
    const [id, next] = await api.postOrThrow(q, ['doomed', 'next']);

    const [first] = await api.reserveOrThrow(q);
    expect(first).toMatchObject({ id, reserved_count: 1 });
    expectMsg(await api.release(q, id, { reservation_id: first.reservation_id }), 200, 'Released');

    // The second attempt meets the spent message, moves it, and carries on with the next one.
    expect((await api.reserveOrThrow(q)).map((m) => m.id)).toEqual([next]);
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 1 });
    expectMsg(await api.getMessage(q, id), 404, 'Message not found');
    expect(await api.queueOrThrow(dlq)).toMatchObject({ size: 1, total_messages: 1 });
    expect(await api.peekOrThrow(dlq, 10)).toEqual([{ id, body: 'doomed', reserved_count: 1 }]);
  });
});
