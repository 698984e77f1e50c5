// Deleting messages (docs/api.md §3.7, §3.8, §0.13, §0.14): one by id, many by `ids` (objects
// or bare strings, all or nothing), and clear, which happens only when the body has no `ids`.
import { describe, expect, it } from 'vitest';
import { ANY_TEXT, expectJson, expectMsg, useApiServer } from '../helpers/api';

const api = useApiServer();
const WRONG_RID = '0123456789abcdef0123456789abcdef';
const TIMED_OUT = 'Reservation timed out';

describe.concurrent('DELETE /queues/{q}/messages/{mid}', () => {
  it('deletes a never-reserved message without a reservation id; a second delete is 404', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'del-one');
    const [id, other] = await api.postOrThrow(q, ['a', 'b']);
    expectMsg(await api.deleteMessage(q, id), 200, 'Deleted');
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 1, total_messages: 2 });
    expectMsg(await api.deleteMessage(q, id), 404, 'Message not found');
    expectMsg(await api.getMessage(q, id), 404, 'Message not found');
    expectJson(await api.getMessage(q, other), 200);
  });

  it('deletes a reserved message with its reservation id, in the body or the query', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'del-rid');
    await api.postOrThrow(q, ['a', 'b']);
    const [a, b] = await api.reserveOrThrow(q, { n: 2 });
    expectMsg(await api.deleteMessage(q, a.id, { reservation_id: a.reservation_id }), 200, 'Deleted');
    const withQuery = `${api.paths.message(q, b.id)}?reservation_id=${b.reservation_id}`;
    expectMsg(await api.request('DELETE', withQuery), 200, 'Deleted');
    expect(await api.sizeOrThrow(q)).toBe(0);
  });
});

describe.concurrent('DELETE /queues/{q}/messages with ids (batch)', () => {
  it('takes objects with or without reservation ids and bare id strings', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'batch-mixed');
    const [, , c, d, e] = await api.postOrThrow(q, ['a', 'b', 'c', 'd', 'e']);
    const [a, b] = await api.reserveOrThrow(q, { n: 2 });
    const ids = [
      { id: a.id, reservation_id: a.reservation_id },
      { id: b.id, reservation_id: b.reservation_id },
      c,
      { id: d },
      { id: e, reservation_id: '' },
    ];
    expectMsg(await api.deleteMessages(q, { ids }), 200, 'Deleted');
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 0, total_messages: 5 });
  });

  it('{"ids": []} never clears the queue', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'batch-empty');
    await api.postOrThrow(q, ['a', 'b']);
    const res = await api.deleteMessages(q, { ids: [] });
    // §3.8 allows a no-op "Deleted" or a 400; only clearing is wrong.
    if (res.status === 200) expectMsg(res, 200, 'Deleted');
    else expectMsg(res, 400, ANY_TEXT);
    expect(await api.sizeOrThrow(q)).toBe(2);
  });

  const FAILING = [
    { name: 'a reserved message without its reservation id', status: 403, msg: TIMED_OUT, bad: 'held' },
    { name: 'a reserved message as a bare id string', status: 403, msg: TIMED_OUT, bad: 'held-bare' },
    { name: 'a reserved message with a wrong reservation id', status: 403, msg: TIMED_OUT, bad: 'held-wrong' },
    { name: 'a deleted message', status: 404, msg: 'Message not found', bad: 'gone' },
  ] as const;

  it.for(FAILING)('one failing element ($name) fails the call and deletes nothing', async (row, { onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'batch-fail');
    const [held, free, gone] = await api.postOrThrow(q, ['held', 'free', 'gone']);
    const [reservation] = await api.reserveOrThrow(q);
    expect(reservation.id).toBe(held);
    expectMsg(await api.deleteMessage(q, gone), 200, 'Deleted');

    const badElement = {
      held: { id: held },
      'held-bare': held,
      'held-wrong': { id: held, reservation_id: WRONG_RID },
      gone: { id: gone },
    }[row.bad];
    // The good elements come first, so deleting as it goes would show.
    const ids = [{ id: free }, badElement];
    expectMsg(await api.deleteMessages(q, { ids }), row.status, row.msg);

    expect(await api.queueOrThrow(q)).toMatchObject({ size: 2, total_messages: 3 });
    expectJson(await api.getMessage(q, free), 200);
    expectMsg(await api.deleteMessage(q, held, { reservation_id: reservation.reservation_id }), 200, 'Deleted');
  });
});

describe.concurrent('DELETE /queues/{q}/messages without ids (clear)', () => {
  it.for([
    ['no body', undefined],
    ['{}', {}],
    ['"ids": null', { ids: null }],
  ] as const)('with %s removes every message, reserved ones too', async ([, body], { onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'clear');
    await api.postOrThrow(q, ['a', 'b', { body: 'c', delay: 600 }]);
    const [held] = await api.reserveOrThrow(q);

    expectMsg(await api.deleteMessages(q, body), 200, 'Cleared');
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 0, total_messages: 3 });
    expectJson(await api.reserve(q, { n: 10 }), 200, { messages: [] });
    expectMsg(await api.deleteMessage(q, held.id, { reservation_id: held.reservation_id }), 404, 'Message not found');
  });
});
