// QueueEngine message verbs over a real SQLite store and a manual clock: argument checks against
// limits.ts, what absent and zero arguments mean, and message expiration.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MAX_DELAY_MS, MAX_TIMEOUT_MS } from './limits';
import { startSweeper } from './sweeper';
import { SECOND_MS, expectEngineError, newProjectId, openEngine, settle, type EngineHarness } from './engine.test-helpers';

let h: EngineHarness;
let projectId: string;

beforeEach(() => {
  h = openEngine();
  projectId = newProjectId();
});

afterEach(() => h.close());

const bodies = (count: number) => Array.from({ length: count }, (_, i) => ({ body: `m${i}` }));

describe('argument checks and defaults', () => {
  it('n: absent or 0 means 1, more than 100 clamps to 100 (reserve and peek)', async () => {
    await h.engine.postMessages(projectId, 'q', bodies(150));
    expect(await h.engine.peekMessages(projectId, 'q')).toHaveLength(1);
    expect(await h.engine.peekMessages(projectId, 'q', 0)).toHaveLength(1);
    expect(await h.engine.peekMessages(projectId, 'q', 500)).toHaveLength(100);
    expect(await h.engine.reserveMessages(projectId, 'q')).toHaveLength(1);
    expect(await h.engine.reserveMessages(projectId, 'q', { n: 0 })).toHaveLength(1);
    expect(await h.engine.reserveMessages(projectId, 'q', { n: 500 })).toHaveLength(100);
    expect(await h.engine.reserveMessages(projectId, 'q', { n: 100 })).toHaveLength(48);
  });

  it('timeout: absent means the queue message_timeout; 1 s..1 day, else INVALID_ARGUMENT (reserve and touch)', async () => {
    await h.engine.createQueue(projectId, 'q', { messageTimeoutMs: 69 * SECOND_MS });
    await h.engine.postMessages(projectId, 'q', bodies(3));
    const now = h.clock.nowMs();
    const [byDefault] = await h.engine.reserveMessages(projectId, 'q');
    expect(byDefault).toMatchObject({ timeoutMs: 69 * SECOND_MS, reservedUntilMs: now + 69 * SECOND_MS });
    expect((await h.engine.reserveMessages(projectId, 'q', { timeoutMs: SECOND_MS }))[0].timeoutMs).toBe(SECOND_MS);
    expect((await h.engine.reserveMessages(projectId, 'q', { timeoutMs: MAX_TIMEOUT_MS }))[0].timeoutMs).toBe(MAX_TIMEOUT_MS);
    const ref = { id: byDefault.id, reservationId: byDefault.reservationId };
    // Zero never reaches the engine: the HTTP boundary turns "timeout": 0 into an absent timeout.
    for (const timeoutMs of [0, 999, MAX_TIMEOUT_MS + 1, 1_500.5, -SECOND_MS]) {
      await expectEngineError(() => h.engine.reserveMessages(projectId, 'q', { timeoutMs }), 'INVALID_ARGUMENT');
      await expectEngineError(() => h.engine.touchMessage(projectId, 'q', ref, timeoutMs), 'INVALID_ARGUMENT');
    }
    const touched = await h.engine.touchMessage(projectId, 'q', ref);
    expect(touched).toMatchObject({ timeoutMs: 69 * SECOND_MS, reservedUntilMs: now + 69 * SECOND_MS });
  });

  it('delay: absent or 0 means at once; up to 7 days; negative or longer is INVALID_ARGUMENT (post and release)', async () => {
    const now = h.clock.nowMs();
    const [atOnce, zero, week] = await h.engine.postMessages(projectId, 'q', [
      { body: 'a' },
      { body: 'b', delayMs: 0 },
      { body: 'c', delayMs: MAX_DELAY_MS },
    ]);
    expect((await h.engine.peekMessages(projectId, 'q', 10)).map((m) => m.id)).toEqual([atOnce, zero]);
    expect(await h.engine.getMessage(projectId, 'q', week)).toMatchObject({ state: 'delayed', dueAtMs: now + MAX_DELAY_MS });
    for (const delayMs of [-1, MAX_DELAY_MS + 1, 0.5]) {
      await expectEngineError(() => h.engine.postMessages(projectId, 'q', [{ body: 'x', delayMs }]), 'INVALID_ARGUMENT');
    }
    const [held] = await h.engine.reserveMessages(projectId, 'q');
    const ref = { id: held.id, reservationId: held.reservationId };
    for (const delayMs of [-1, MAX_DELAY_MS + 1]) {
      await expectEngineError(() => h.engine.releaseMessage(projectId, 'q', ref, delayMs), 'INVALID_ARGUMENT');
    }
    await h.engine.releaseMessage(projectId, 'q', ref, MAX_DELAY_MS);
    expect(await h.engine.getMessage(projectId, 'q', held.id)).toMatchObject({ state: 'delayed', dueAtMs: now + MAX_DELAY_MS });
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ size: 3, totalMessages: 3 });
  });

  it('body: "" is accepted; the size limit counts UTF-8 bytes; one oversized body fails the whole post', async () => {
    const small = openEngine({ maxMessageBytes: 10 });
    try {
      await small.engine.postMessages(projectId, 'q', [{ body: '' }, { body: 'é'.repeat(5) }, { body: 'x'.repeat(10) }]);
      for (const body of ['é'.repeat(6), 'x'.repeat(11), '😀😀😀']) {
        await expectEngineError(() => small.engine.postMessages(projectId, 'q', [{ body: 'ok' }, { body }]), 'INVALID_ARGUMENT');
      }
      await expectEngineError(() => small.engine.postMessages(projectId, 'fresh', [{ body: 'x'.repeat(11) }]), 'INVALID_ARGUMENT');
      await expectEngineError(() => small.engine.getQueue(projectId, 'fresh'), 'QUEUE_NOT_FOUND');
      expect(await small.engine.getQueue(projectId, 'q')).toMatchObject({ size: 3, totalMessages: 3 });
    } finally {
      await small.close();
    }
  });

  it('a post takes 1 to 1000 messages; outside that nothing is posted', async () => {
    await expectEngineError(() => h.engine.postMessages(projectId, 'q', []), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.postMessages(projectId, 'q', bodies(1_001)), 'INVALID_ARGUMENT');
    await expectEngineError(() => h.engine.getQueue(projectId, 'q'), 'QUEUE_NOT_FOUND');
    const ids = await h.engine.postMessages(projectId, 'q', bodies(1_000));
    expect(new Set(ids).size).toBe(1_000);
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ size: 1_000, totalMessages: 1_000 });
  });

  it('a batch delete takes at most 100 ids; an empty list deletes nothing', async () => {
    const ids = await h.engine.postMessages(projectId, 'q', bodies(101));
    const refs = ids.map((id) => ({ id }));
    await expectEngineError(() => h.engine.deleteMessages(projectId, 'q', refs), 'INVALID_ARGUMENT');
    await h.engine.deleteMessages(projectId, 'q', []);
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ size: 101 });
    await h.engine.deleteMessages(projectId, 'q', refs.slice(0, 100));
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ size: 1, totalMessages: 101 });
  });

  it('push headers: at most 5, names 1–64 bytes and not reserved, values 1–1024 bytes (§3.2)', async () => {
    const accepted = { A: 'x'.repeat(1_024), ['N'.repeat(64)]: 'v', 'X-Custom-Header': 'custom', Authentication: 't', 'X-Latin': 'ü' };
    const [id] = await h.engine.postMessages(projectId, 'q', [{ body: 'b', pushHeaders: accepted }]);
    expect((await h.engine.getMessage(projectId, 'q', id)).pushHeaders).toEqual(accepted);
    const refused: Array<Record<string, string>> = [
      { ...accepted, Sixth: 'v' },
      { '': 'v' },
      { é: 'v' },
      { 'Two Words': 'v' },
      { X: 'line\r\nInjected: yes' },
      { ['N'.repeat(65)]: 'v' },
      { X: '' },
      { X: 'x'.repeat(1_025) },
      ...['content-type', 'User-Agent', 'IRON-MESSAGE-ID', 'Iron-Reservation-Id', 'iron-subscriber-name', 'Iron-Subscriber-Message-Url'].map(
        (name) => ({ [name]: 'v' }),
      ),
    ];
    for (const pushHeaders of refused) {
      await expectEngineError(() => h.engine.postMessages(projectId, 'q', [{ body: 'b', pushHeaders }]), 'INVALID_ARGUMENT');
    }
    expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ size: 1 });
  });

  it('argument errors arrive as rejected promises, never as synchronous throws', async () => {
    await h.engine.postMessages(projectId, 'q', bodies(1));
    const ref = { id: '1' };
    const calls: Record<string, () => Promise<unknown>> = {
      createQueue: () => h.engine.createQueue(projectId, ''),
      postMessages: () => h.engine.postMessages(projectId, 'q', []),
      reserveMessages: () => h.engine.reserveMessages(projectId, 'q', { timeoutMs: 1 }),
      touchMessage: () => h.engine.touchMessage(projectId, 'q', ref, 1),
      releaseMessage: () => h.engine.releaseMessage(projectId, 'q', ref, -1),
      deleteMessages: () => h.engine.deleteMessages(projectId, 'q', bodies(101).map((_, i) => ({ id: String(i + 1) }))),
    };
    const thrownSynchronously: string[] = [];
    for (const [verb, call] of Object.entries(calls)) {
      let promise: Promise<unknown>;
      try {
        promise = call();
      } catch {
        thrownSynchronously.push(verb);
        continue;
      }
      await expect(promise).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    }
    expect(thrownSynchronously).toEqual([]);
  });
});

describe('expiration (§4.3)', () => {
  it('a message disappears after message_expiration even when reserved; the sweeper then fixes size', async () => {
    const stopSweeper = startSweeper(h.store, h.clock, (error) => {
      throw error;
    });
    try {
      await h.engine.createQueue(projectId, 'q', { messageExpirationMs: 60 * SECOND_MS });
      const [reserved, ready] = await h.engine.postMessages(projectId, 'q', bodies(2));
      const [held] = await h.engine.reserveMessages(projectId, 'q', { timeoutMs: 120 * SECOND_MS });
      h.clock.advance(60 * SECOND_MS - 1);
      await settle();
      expect(await h.engine.getMessage(projectId, 'q', reserved)).toMatchObject({ state: 'reserved' });
      expect((await h.engine.peekMessages(projectId, 'q', 10)).map((m) => m.id)).toEqual([ready]);

      h.clock.advance(1);
      for (const id of [reserved, ready]) await expectEngineError(() => h.engine.getMessage(projectId, 'q', id), 'MESSAGE_NOT_FOUND');
      expect(await h.engine.peekMessages(projectId, 'q', 10)).toEqual([]);
      expect(await h.engine.reserveMessages(projectId, 'q', { n: 10 })).toEqual([]);
      const ref = { id: held.id, reservationId: held.reservationId };
      await expectEngineError(() => h.engine.touchMessage(projectId, 'q', ref), 'MESSAGE_NOT_FOUND');
      await expectEngineError(() => h.engine.deleteMessage(projectId, 'q', ref), 'MESSAGE_NOT_FOUND');

      h.clock.advance(SECOND_MS);
      await settle();
      expect(await h.engine.getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 2 });
    } finally {
      stopSweeper();
    }
  });

  it('expiry is fixed when the message enters the queue; a later setting change does not move it', async () => {
    await h.engine.createQueue(projectId, 'q', { messageExpirationMs: 60 * SECOND_MS });
    const [early] = await h.engine.postMessages(projectId, 'q', bodies(1));
    await h.engine.updateQueue(projectId, 'q', { messageExpirationMs: 3_600 * SECOND_MS });
    const [late] = await h.engine.postMessages(projectId, 'q', bodies(1));
    h.clock.advance(60 * SECOND_MS);
    await expectEngineError(() => h.engine.getMessage(projectId, 'q', early), 'MESSAGE_NOT_FOUND');
    expect(await h.engine.getMessage(projectId, 'q', late)).toMatchObject({ state: 'ready' });
  });
});
