// The §11 conformance scenarios 1–4, 6, 7 and 14 through QueueEngine, at their real durations on
// a manual clock (scenario 5 is in engine-long-poll.test.ts, 9 and 10 in engine-queues.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SECOND_MS, expectEngineError, newProjectId, openEngine, type EngineHarness } from './engine.test-helpers';

let h: EngineHarness;
let projectId: string;

beforeEach(() => {
  h = openEngine();
  projectId = newProjectId();
});

afterEach(() => h.close());

const ids = (messages: Array<{ id: string }>) => messages.map((message) => message.id);

describe('§11 conformance scenarios', () => {
  it('1: post 3, reserve n=3 in order with reserved_count 1; size stays 3 until each is deleted', async () => {
    const posted = await h.engine.postMessages(projectId, 'q', [{ body: 'one' }, { body: 'two' }, { body: 'three' }]);
    const reserved = await h.engine.reserveMessages(projectId, 'q', { n: 3 });
    expect(ids(reserved)).toEqual(posted);
    expect(reserved.map((m) => m.body)).toEqual(['one', 'two', 'three']);
    for (const message of reserved) {
      expect(message.reservedCount).toBe(1);
      expect(message.reservationId).not.toBe('');
    }
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ size: 3, totalMessages: 3 });
    for (const message of reserved) {
      await h.engine.deleteMessage(projectId, 'q', { id: message.id, reservationId: message.reservationId });
    }
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 3 });
  });

  it('2: reserve with timeout 3 s, wait 3 s, delete with that reservation ⇒ RESERVATION_MISMATCH', async () => {
    await h.engine.postMessages(projectId, 'q', [{ body: 'a' }]);
    const [held] = await h.engine.reserveMessages(projectId, 'q', { timeoutMs: 3 * SECOND_MS });
    h.clock.advance(3 * SECOND_MS);
    const ref = { id: held.id, reservationId: held.reservationId };
    await expectEngineError(() => h.engine.deleteMessage(projectId, 'q', ref), 'RESERVATION_MISMATCH');
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ size: 1 });
  });

  it('3: reserve for 30 s, touch for 40 s ⇒ hidden at +35 s, visible at +45 s', async () => {
    await h.engine.postMessages(projectId, 'q', [{ body: 'a' }]);
    const [held] = await h.engine.reserveMessages(projectId, 'q', { timeoutMs: 30 * SECOND_MS });
    const touched = await h.engine.touchMessage(projectId, 'q', { id: held.id, reservationId: held.reservationId }, 40 * SECOND_MS);
    expect(touched.reservationId).not.toBe(held.reservationId);
    h.clock.advance(35 * SECOND_MS);
    expect(await h.engine.peekMessages(projectId, 'q')).toEqual([]);
    expect(await h.engine.reserveMessages(projectId, 'q')).toEqual([]);
    h.clock.advance(10 * SECOND_MS);
    const [again] = await h.engine.reserveMessages(projectId, 'q');
    expect(again).toMatchObject({ id: held.id, reservedCount: 3 });
  });

  it('3: touching again with the returned id gives another new id; the older ids are dead', async () => {
    await h.engine.postMessages(projectId, 'q', [{ body: 'a' }]);
    const [held] = await h.engine.reserveMessages(projectId, 'q', { timeoutMs: 30 * SECOND_MS });
    const first = await h.engine.touchMessage(projectId, 'q', { id: held.id, reservationId: held.reservationId });
    h.clock.advance(10 * SECOND_MS);
    const second = await h.engine.touchMessage(projectId, 'q', { id: held.id, reservationId: first.reservationId });
    expect(new Set([held.reservationId, first.reservationId, second.reservationId]).size).toBe(3);
    for (const stale of [held.reservationId, first.reservationId]) {
      await expectEngineError(() => h.engine.touchMessage(projectId, 'q', { id: held.id, reservationId: stale }), 'RESERVATION_MISMATCH');
    }
    await h.engine.deleteMessage(projectId, 'q', { id: held.id, reservationId: second.reservationId });
  });

  it('4: release with delay 3 s ⇒ not reservable at once, reservable after 4 s, same id', async () => {
    await h.engine.postMessages(projectId, 'q', [{ body: 'a' }]);
    const [held] = await h.engine.reserveMessages(projectId, 'q');
    await h.engine.releaseMessage(projectId, 'q', { id: held.id, reservationId: held.reservationId }, 3 * SECOND_MS);
    expect(await h.engine.reserveMessages(projectId, 'q')).toEqual([]);
    h.clock.advance(4 * SECOND_MS);
    const [again] = await h.engine.reserveMessages(projectId, 'q');
    expect(again).toMatchObject({ id: held.id, body: 'a', reservedCount: 2 });
  });

  it('6: peek n=7 on 3 messages ⇒ 3; with one reserved ⇒ 2', async () => {
    await h.engine.postMessages(projectId, 'q', [{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
    const peeked = await h.engine.peekMessages(projectId, 'q', 7);
    expect(peeked.map((m) => [m.body, m.reservedCount])).toEqual([['a', 0], ['b', 0], ['c', 0]]);
    await h.engine.reserveMessages(projectId, 'q');
    expect((await h.engine.peekMessages(projectId, 'q', 3)).map((m) => m.body)).toEqual(['b', 'c']);
  });

  it('7: reserve with delete ⇒ size 0 at once and the message never comes back', async () => {
    await h.engine.postMessages(projectId, 'q', [{ body: 'a' }]);
    const [taken] = await h.engine.reserveMessages(projectId, 'q', { isDelete: true });
    expect(taken).toMatchObject({ body: 'a', reservedCount: 1 });
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 1 });
    h.clock.advance(3_600 * SECOND_MS);
    expect(await h.engine.reserveMessages(projectId, 'q', { n: 100 })).toEqual([]);
    await expectEngineError(() => h.engine.getMessage(projectId, 'q', taken.id), 'MESSAGE_NOT_FOUND');
  });

  it('14: with max_reservations 1 the second reserve moves the message to the DLQ unchanged', async () => {
    await h.engine.createQueue(projectId, 'q', { deadLetter: { queueName: 'dlq', maxReservations: 1 } });
    const [id] = await h.engine.postMessages(projectId, 'q', [{ body: 'poison' }]);
    const [first] = await h.engine.reserveMessages(projectId, 'q');
    expect(first).toMatchObject({ id, reservedCount: 1 });
    h.clock.advance(60 * SECOND_MS);
    expect(await h.engine.reserveMessages(projectId, 'q')).toEqual([]);
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 1 });
    expect(await h.engine.getQueue(projectId, 'dlq')).toMatchObject({ size: 1, totalMessages: 1 });
    expect(await h.engine.peekMessages(projectId, 'dlq')).toMatchObject([{ id, body: 'poison', reservedCount: 1 }]);
    await expectEngineError(() => h.engine.getMessage(projectId, 'q', id), 'MESSAGE_NOT_FOUND');
  });
});
