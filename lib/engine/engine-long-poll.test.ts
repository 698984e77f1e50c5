// Long polling (§4.5, scenario 5) with a manual clock: a reserve with a wait returns as soon as a
// message can be handed out, or with nothing when the wait runs out, and waiters are served in order.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SECOND_MS, newProjectId, openEngine, settle, type EngineHarness } from './engine.test-helpers';

let h: EngineHarness;
let projectId: string;

beforeEach(() => {
  h = openEngine();
  projectId = newProjectId();
});

afterEach(() => h.close());

/** Moves the clock and lets whatever it woke run to completion. */
async function advance(ms: number): Promise<void> {
  h.clock.advance(ms);
  await settle();
}

describe('long polling', () => {
  it('5: wait 20 s on an empty queue, a post after 5 s ⇒ returns at once with it', async () => {
    await h.engine.createQueue(projectId, 'q');
    const startMs = h.clock.nowMs();
    const poll = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS });
    await settle();
    await advance(5 * SECOND_MS);
    expect(poll.result()).toBeUndefined();
    const [id] = await h.engine.postMessages(projectId, 'q', [{ body: 'hello' }]);
    await settle();
    expect(poll.result()).toMatchObject([{ id, body: 'hello', reservedCount: 1 }]);
    expect(h.clock.nowMs() - startMs).toBe(5 * SECOND_MS);
  });

  it('5: wait 3 s with nothing ⇒ returns [] when the 3 s have passed, not before', async () => {
    await h.engine.createQueue(projectId, 'q');
    const poll = h.startReserve(projectId, 'q', { waitMs: 3 * SECOND_MS });
    await settle();
    await advance(3 * SECOND_MS - 1);
    expect(poll.result()).toBeUndefined();
    await advance(1);
    expect(poll.result()).toEqual([]);
  });

  it('clamps the wait to 30 s; no wait returns at once', async () => {
    await h.engine.createQueue(projectId, 'q');
    expect(await h.engine.reserveMessages(projectId, 'q', { waitMs: 0 })).toEqual([]);
    const poll = h.startReserve(projectId, 'q', { waitMs: 120 * SECOND_MS });
    await settle();
    await advance(30 * SECOND_MS - 1);
    expect(poll.result()).toBeUndefined();
    await advance(1);
    expect(poll.result()).toEqual([]);
  });

  it('wakes when a delayed message posted before the wait falls due', async () => {
    const [id] = await h.engine.postMessages(projectId, 'q', [{ body: 'later', delayMs: 5 * SECOND_MS }]);
    const poll = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS });
    await settle();
    await advance(5 * SECOND_MS - 1);
    expect(poll.result()).toBeUndefined();
    await advance(1);
    expect(poll.result()).toMatchObject([{ id }]);
  });

  it('wakes when a delayed message posted during the wait falls due', async () => {
    await h.engine.createQueue(projectId, 'q');
    const poll = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS });
    await settle();
    const [id] = await h.engine.postMessages(projectId, 'q', [{ body: 'later', delayMs: 5 * SECOND_MS }]);
    await settle();
    expect(poll.result()).toBeUndefined();
    await advance(5 * SECOND_MS);
    expect(poll.result()).toMatchObject([{ id }]);
  });

  it('wakes when a reservation taken before the wait times out', async () => {
    const [id] = await h.engine.postMessages(projectId, 'q', [{ body: 'a' }]);
    await h.engine.reserveMessages(projectId, 'q', { timeoutMs: 5 * SECOND_MS });
    const poll = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS });
    await settle();
    await advance(5 * SECOND_MS - 1);
    expect(poll.result()).toBeUndefined();
    await advance(1);
    expect(poll.result()).toMatchObject([{ id, reservedCount: 2 }]);
  });

  it('wakes when a reservation taken during the wait times out', async () => {
    await h.engine.createQueue(projectId, 'q');
    const first = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS, timeoutMs: 5 * SECOND_MS });
    await settle();
    const second = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS });
    await settle();
    const [id] = await h.engine.postMessages(projectId, 'q', [{ body: 'a' }]);
    await settle();
    expect(first.result()).toMatchObject([{ id }]);
    expect(second.result()).toBeUndefined();
    await advance(5 * SECOND_MS);
    expect(second.result()).toMatchObject([{ id, reservedCount: 2 }]);
  });

  it('wakes when a message is released during the wait, with or without delay', async () => {
    const [id] = await h.engine.postMessages(projectId, 'q', [{ body: 'a' }]);
    const [held] = await h.engine.reserveMessages(projectId, 'q');
    const poll = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS });
    await settle();
    await h.engine.releaseMessage(projectId, 'q', { id, reservationId: held.reservationId });
    await settle();
    const [again] = poll.result() ?? [];
    expect(again).toMatchObject({ id, reservedCount: 2 });

    const delayed = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS });
    await settle();
    await h.engine.releaseMessage(projectId, 'q', { id, reservationId: again.reservationId }, 5 * SECOND_MS);
    await advance(5 * SECOND_MS);
    expect(delayed.result()).toMatchObject([{ id, reservedCount: 3 }]);
  });

  it('stops waiting when its signal aborts', async () => {
    await h.engine.createQueue(projectId, 'q');
    const poll = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS });
    await settle();
    poll.controller.abort();
    await settle();
    expect(poll.result()).toEqual([]);
    const aborted = new AbortController();
    aborted.abort();
    expect(await h.engine.reserveMessages(projectId, 'q', { waitMs: 20 * SECOND_MS, signal: aborted.signal })).toEqual([]);
  });

  it('takes nothing for a client gone while it slept, even when a message fell due in the same moment', async () => {
    await h.engine.createQueue(projectId, 'q');
    const [id] = await h.engine.postMessages(projectId, 'q', [{ body: 'for someone still here', delayMs: 5 * SECOND_MS }]);
    const poll = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS });
    await settle();
    // The hang-up wakes the sleeper just as the delayed message becomes available.
    poll.controller.abort();
    await advance(5 * SECOND_MS);
    expect(poll.result()).toEqual([]);
    expect(await h.engine.reserveMessages(projectId, 'q')).toMatchObject([{ id, reservedCount: 1 }]);
  });

  it('serves waiters in arrival order', async () => {
    await h.engine.createQueue(projectId, 'q');
    const polls = [];
    for (let i = 0; i < 3; i++) {
      polls.push(h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS }));
      await settle();
    }
    const [first] = await h.engine.postMessages(projectId, 'q', [{ body: '1' }]);
    await settle();
    expect(polls.map((poll) => poll.result()?.[0]?.id)).toEqual([first, undefined, undefined]);
    const [second, third] = await h.engine.postMessages(projectId, 'q', [{ body: '2' }, { body: '3' }]);
    await settle();
    expect(polls.map((poll) => poll.result()?.[0]?.id)).toEqual([first, second, third]);
  });

  it('sleeps, rather than spins, while the only waiting message is expired but not yet swept', async () => {
    await h.engine.createQueue(projectId, 'q', { messageExpirationMs: 60 * SECOND_MS });
    await h.engine.postMessages(projectId, 'q', [{ body: 'a' }]);
    await h.engine.reserveMessages(projectId, 'q', { timeoutMs: 30 * SECOND_MS });
    h.clock.advance(61 * SECOND_MS);
    const reserves = vi.spyOn(h.store, 'reserveMessages');
    const poll = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS });
    await settle();
    for (let i = 0; i < 5; i++) await advance(1);
    expect(reserves).toHaveBeenCalledTimes(1);
    await advance(20 * SECOND_MS);
    expect(poll.result()).toEqual([]);
  });
});

describe('long polling while commits take time', () => {
  it('a message falling due during the empty reserve’s own commit still wakes the poll at once', async () => {
    await h.engine.createQueue(projectId, 'q');
    // The store's commit takes 5 ms of clock time, as an fsync does.
    const reserve = h.store.reserveMessages.bind(h.store);
    h.store.reserveMessages = async (...args) => {
      const result = await reserve(...args);
      h.clock.advance(5);
      return result;
    };
    const [id] = await h.engine.postMessages(projectId, 'q', [{ body: 'soon', delayMs: 3 }]);
    const poll = h.startReserve(projectId, 'q', { waitMs: 20 * SECOND_MS });
    await settle(12);
    // Timers already due run now; the poll's deadline, 20 s away, does not.
    h.clock.advance(0);
    await settle(12);
    expect(poll.result()).toMatchObject([{ id }]);
  });
});
