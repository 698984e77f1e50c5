// Reservation rules (docs/api.md §4.4 table, §3.7–3.10, §4.2, §4.3): which reservation id each of
// delete, batch delete, touch and release accepts in each message state, what touch and release
// do to the reservation, and where timed-out and released messages go.
import { describe, expect, it } from 'vitest';
import { ANY_TEXT, RESERVATION_ID, expectJson, expectMsg, sleep, useApiServer } from '../helpers/api';

const api = useApiServer();
const TIMED_OUT = 'Reservation timed out';
const NOT_FOUND = 'Message not found';
const WRONG_RID = 'ffffffffffffffffffffffffffffffff';

type State = 'reserved' | 'never reserved' | 'released' | 'timed out' | 'deleted';
type RidKind = 'current' | 'absent' | 'empty' | 'wrong';
type Op = 'delete' | 'batch delete' | 'touch' | 'release';
type Outcome = 'ok' | 403 | 404;

/** §4.4, one row per (state, reservation id sent); outcomes for delete, batch delete, touch, release. */
const TABLE: [State, RidKind, Outcome, Outcome, Outcome, Outcome][] = [
  ['reserved', 'current', 'ok', 'ok', 'ok', 'ok'],
  ['reserved', 'absent', 403, 403, 403, 403],
  ['reserved', 'empty', 403, 403, 403, 403],
  ['reserved', 'wrong', 403, 403, 403, 403],
  ['never reserved', 'absent', 'ok', 'ok', 403, 403],
  ['never reserved', 'empty', 'ok', 'ok', 403, 403],
  ['never reserved', 'wrong', 'ok', 'ok', 403, 403],
  // "current" for a message no longer reserved is its last, now stale, reservation id.
  ['released', 'absent', 'ok', 'ok', 403, 403],
  ['released', 'current', 403, 403, 403, 403],
  ['timed out', 'absent', 'ok', 'ok', 403, 403],
  ['timed out', 'current', 403, 403, 403, 403],
  ['deleted', 'current', 404, 404, 404, 404],
  ['deleted', 'absent', 404, 404, 404, 404],
];
const OPS: Op[] = ['delete', 'batch delete', 'touch', 'release'];
const CASES = TABLE.flatMap(([state, rid, ...outcomes]) =>
  OPS.map((op, i) => ({ state, rid, op, outcome: outcomes[i] })),
);

/** Posts one message and brings it to `state`; returns its id and last reservation id. */
async function messageIn(q: string, state: State): Promise<{ id: string; rid: string }> {
  const [id] = await api.postOrThrow(q, ['subject']);
  if (state === 'never reserved') return { id, rid: WRONG_RID };
  const [m] = await api.reserveOrThrow(q, { timeout: state === 'timed out' ? 1 : 60 });
  const rid = m.reservation_id;
  if (state === 'released') expectMsg(await api.release(q, id, { reservation_id: rid }), 200, 'Released');
  if (state === 'timed out') await sleep(1_500);
  if (state === 'deleted') expectMsg(await api.deleteMessage(q, id, { reservation_id: rid }), 200, 'Deleted');
  return { id, rid };
}

function send(op: Op, q: string, id: string, rid: string | undefined) {
  const given = rid === undefined ? {} : { reservation_id: rid };
  if (op === 'delete') return api.deleteMessage(q, id, given);
  if (op === 'batch delete') return api.deleteMessages(q, { ids: [{ id, ...given }] });
  if (op === 'touch') return api.touch(q, id, given);
  return api.release(q, id, given);
}

describe.concurrent('§4.4 reservation-id rules', () => {
  it.for(CASES)('$op, $state, reservation id $rid → $outcome', async ({ state, rid, op, outcome }, { onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'rules');
    const subject = await messageIn(q, state);
    const sent = { current: subject.rid, absent: undefined, empty: '', wrong: WRONG_RID }[rid];
    const res = await send(op, q, subject.id, sent);

    if (outcome === 404) return expectMsg(res, 404, NOT_FOUND);
    if (outcome === 403) {
      expectMsg(res, 403, TIMED_OUT);
      return expectJson(await api.getMessage(q, subject.id), 200);
    }
    if (op === 'touch') {
      expectJson(res, 200);
      expect(Object.keys(res.body).sort()).toEqual(['msg', 'reservation_id']);
      expect(res.body.msg).toBe('Touched');
      expect(res.body.reservation_id).toMatch(RESERVATION_ID);
      expect(res.body.reservation_id).not.toBe(sent);
    } else if (op === 'release') {
      expectMsg(res, 200, 'Released');
      expect((await api.reserveOrThrow(q)).map((m) => m.id)).toEqual([subject.id]);
    } else {
      expectMsg(res, 200, 'Deleted');
      expectMsg(await api.getMessage(q, subject.id), 404, NOT_FOUND);
    }
  });
});

describe.concurrent('touch', () => {
  it('replaces the reservation id, increments reserved_count, and the old id stops working', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'touch-new-id');
    const [id] = await api.postOrThrow(q, ['a']);
    const [m] = await api.reserveOrThrow(q);
    const touched = await api.touch(q, id, { reservation_id: m.reservation_id });
    expectJson(touched, 200);
    const fresh = touched.body.reservation_id;
    expect(fresh).not.toBe(m.reservation_id);
    expectJson(await api.getMessage(q, id), 200, { message: { id, body: 'a', reserved_count: 2 } });

    expectMsg(await api.touch(q, id, { reservation_id: m.reservation_id }), 403, TIMED_OUT);
    expectMsg(await api.release(q, id, { reservation_id: m.reservation_id }), 403, TIMED_OUT);
    expectMsg(await api.deleteMessage(q, id, { reservation_id: m.reservation_id }), 403, TIMED_OUT);
    expectMsg(await api.deleteMessage(q, id, { reservation_id: fresh }), 200, 'Deleted');
  });

  it('refuses a timeout over one day and keeps the reservation', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'touch-bad');
    const [id] = await api.postOrThrow(q, ['a']);
    const [m] = await api.reserveOrThrow(q);
    expectMsg(await api.touch(q, id, { reservation_id: m.reservation_id, timeout: 86401 }), 400, ANY_TEXT);
    expectMsg(await api.deleteMessage(q, id, { reservation_id: m.reservation_id }), 200, 'Deleted');
  });
});

describe.concurrent('release', () => {
  it('puts the message back at the front with reserved_count unchanged', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'release-front');
    const [a, b] = await api.postOrThrow(q, ['a', 'b']);
    const [m] = await api.reserveOrThrow(q);
    expectMsg(await api.release(q, a, { reservation_id: m.reservation_id }), 200, 'Released');
    expectJson(await api.getMessage(q, a), 200, { message: { id: a, body: 'a', reserved_count: 1 } });
    const again = await api.reserveOrThrow(q, { n: 2 });
    expect(again.map((x) => [x.id, x.reserved_count])).toEqual([
      [a, 2],
      [b, 1],
    ]);
  });

  it.for([-1, 604801])('refuses delay %i and keeps the reservation', async (delay, { onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'release-bad');
    const [id] = await api.postOrThrow(q, ['a']);
    const [m] = await api.reserveOrThrow(q);
    expectMsg(await api.release(q, id, { reservation_id: m.reservation_id, delay }), 400, ANY_TEXT);
    expect(await api.reserveOrThrow(q)).toEqual([]);
    expectMsg(await api.deleteMessage(q, id, { reservation_id: m.reservation_id }), 200, 'Deleted');
  });
});

describe.concurrent('reservation timeout', () => {
  it('a timed-out message is available again at the front, and the next reserve counts it', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'timeout-front');
    const [a, b] = await api.postOrThrow(q, ['a', 'b']);
    await api.reserveOrThrow(q, { timeout: 1 });
    await sleep(1_500);
    const again = await api.reserveOrThrow(q, { n: 2 });
    expect(again.map((x) => [x.id, x.reserved_count])).toEqual([
      [a, 2],
      [b, 1],
    ]);
  });
});
