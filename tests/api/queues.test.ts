// The v3 queue resource (docs/api.md §2.1–2.5, §2.9): PUT create-or-update, GET info with its
// counters, PATCH, DELETE, the immutable type and the dead-letter configuration.
import { describe, expect, it } from 'vitest';
import { ANY_TEXT, expectJson, expectMsg, useApiServer } from '../helpers/api';

const api = useApiServer();

describe.concurrent('PUT /queues/{q} (create or update)', () => {
  it('creates a pull queue with the defaults; the answer has no size or total_messages', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'queue-create');
    const res = await api.createQueue(q);
    expectJson(res, 200);
    const expected = {
      name: q,
      project_id: api.server.projectId,
      message_timeout: 60,
      message_expiration: 604800,
      type: 'pull',
    };
    expect(res.body.queue).toMatchObject(expected);
    for (const key of ['size', 'total_messages', 'push', 'alerts', 'dead_letter']) {
      expect(res.body.queue).not.toHaveProperty(key);
    }
    const info = await api.queueOrThrow(q);
    expect(info).toMatchObject({ ...expected, size: 0, total_messages: 0 });
    for (const key of ['push', 'alerts', 'dead_letter']) expect(info).not.toHaveProperty(key);
  });

  it('applies the given settings (Java uses 69 and 404)', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'queue-settings');
    const created = await api.createQueueOrThrow(q, { message_timeout: 69, message_expiration: 404 });
    expect(created).toMatchObject({ name: q, message_timeout: 69, message_expiration: 404 });
    expect(await api.queueOrThrow(q)).toMatchObject({ message_timeout: 69, message_expiration: 404 });
  });

  it('updates an existing queue in place and keeps its messages', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'queue-upsert');
    await api.createQueueOrThrow(q, { message_expiration: 3600 });
    await api.postOrThrow(q, ['a', 'b']);
    const updated = await api.createQueueOrThrow(q, { message_timeout: 120 });
    expect(updated).toMatchObject({ message_timeout: 120, message_expiration: 3600 });
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 2, total_messages: 2, message_timeout: 120 });
  });

  it('ignores read-only fields in the body', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'queue-readonly');
    const other = api.tempQueue(onTestFinished, 'queue-readonly-other');
    const body = { name: other, project_id: 'ffffffffffffffffffffffff', id: 'x', size: 99, total_messages: 99 };
    const created = await api.createQueueOrThrow(q, body);
    expect(created).toMatchObject({ name: q, project_id: api.server.projectId });
    expect(await api.queueOrThrow(q)).toMatchObject({ name: q, size: 0, total_messages: 0 });
    expectMsg(await api.getQueue(other), 404, 'Queue not found');
  });
});

describe.concurrent('GET /queues/{q}', () => {
  it('size counts ready, reserved and delayed messages; total_messages counts every post', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'queue-counts');
    await api.postOrThrow(q, ['a', 'b', { body: 'later', delay: 600 }]);
    const [reserved] = await api.reserveOrThrow(q);
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 3, total_messages: 3 });

    expectMsg(await api.deleteMessage(q, reserved.id, { reservation_id: reserved.reservation_id }), 200, 'Deleted');
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 2, total_messages: 3 });

    expectMsg(await api.deleteMessages(q), 200, 'Cleared');
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 0, total_messages: 3 });

    await api.postOrThrow(q, ['c']);
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 1, total_messages: 4 });
  });

  it('a never-created queue is 404 Queue not found', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'queue-never');
    expectMsg(await api.getQueue(q), 404, 'Queue not found');
  });
});

describe.concurrent('PATCH /queues/{q}', () => {
  it('is 404 on a missing queue and does not create it', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'queue-patch-missing');
    expectMsg(await api.updateQueue(q, { message_timeout: 30 }), 404, 'Queue not found');
    expectMsg(await api.getQueue(q), 404, 'Queue not found');
  });

  it('changes only the given fields and answers with the full queue, size included', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'queue-patch');
    await api.createQueueOrThrow(q, { message_timeout: 30, message_expiration: 3600 });
    await api.postOrThrow(q, ['a']);
    const res = await api.updateQueue(q, { message_timeout: 45 });
    expectJson(res, 200);
    expect(res.body.queue).toMatchObject({
      name: q,
      project_id: api.server.projectId,
      type: 'pull',
      size: 1,
      total_messages: 1,
      message_timeout: 45,
      message_expiration: 3600,
    });
    expect(await api.queueOrThrow(q)).toMatchObject({ message_timeout: 45, message_expiration: 3600 });
  });

  it('accepts a body without settings and changes nothing', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'queue-patch-empty');
    await api.createQueueOrThrow(q, { message_timeout: 33 });
    expectJson(await api.updateQueue(q, {}), 200);
    expectJson(await api.request('PATCH', api.paths.queue(q), { json: {} }), 200);
    expect(await api.queueOrThrow(q)).toMatchObject({ message_timeout: 33, message_expiration: 604800 });
  });
});

describe.concurrent('type is immutable', () => {
  it('the same type is accepted; pull → multicast is 403 and changes nothing', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'queue-type');
    await api.createQueueOrThrow(q);
    await api.postOrThrow(q, ['a']);
    expectJson(await api.updateQueue(q, { type: 'pull' }), 200);

    const push = { subscribers: [{ name: 'sub', url: 'http://127.0.0.1:9/push' }] };
    expectMsg(await api.updateQueue(q, { type: 'multicast', push }), 403, ANY_TEXT);
    expectMsg(await api.createQueue(q, { type: 'multicast', push }), 403, ANY_TEXT);

    const info = await api.queueOrThrow(q);
    expect(info).toMatchObject({ type: 'pull', size: 1 });
    expect(info).not.toHaveProperty('push');
  });
});

describe.concurrent('DELETE /queues/{q}', () => {
  it('answers Deleted, then 404; a later post starts a fresh queue', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'queue-delete');
    await api.createQueueOrThrow(q, { message_timeout: 33 });
    await api.postOrThrow(q, ['old 1', 'old 2']);

    expectMsg(await api.deleteQueue(q), 200, 'Deleted');
    expectMsg(await api.getQueue(q), 404, 'Queue not found');
    expectMsg(await api.deleteQueue(q), 404, 'Queue not found');
    expectMsg(await api.reserve(q), 404, 'Queue not found');
    expectJson(await api.listQueues({ prefix: q }), 200, { queues: [] });

    await api.postOrThrow(q, ['new']);
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 1, total_messages: 1, message_timeout: 60 });
    expect((await api.peekOrThrow(q, 10)).map((m) => m.body)).toEqual(['new']);
  });

  it('a missing queue is 404 Queue not found', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'queue-delete-missing');
    expectMsg(await api.deleteQueue(q), 404, 'Queue not found');
  });
});

describe.concurrent('dead_letter configuration', () => {
  it('is shown when set, defaults max_reservations to 10, creates the target, and "" removes it', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'queue-dlq');
    const dlq = api.tempQueue(onTestFinished, 'queue-dlq-target');
    const created = await api.createQueueOrThrow(q, { dead_letter: { queue_name: dlq } });
    expect(created.dead_letter).toEqual({ queue_name: dlq, max_reservations: 10 });
    expect(await api.queueOrThrow(dlq)).toMatchObject({ name: dlq, type: 'pull' });

    for (const max of [1000, 1]) {
      const res = await api.updateQueue(q, { dead_letter: { queue_name: dlq, max_reservations: max } });
      expectJson(res, 200);
      expect(res.body.queue.dead_letter).toEqual({ queue_name: dlq, max_reservations: max });
    }
    expect((await api.queueOrThrow(q)).dead_letter).toEqual({ queue_name: dlq, max_reservations: 1 });

    await api.createQueueOrThrow(q, { dead_letter: { queue_name: '' } });
    expect(await api.queueOrThrow(q)).not.toHaveProperty('dead_letter');
  });
});
