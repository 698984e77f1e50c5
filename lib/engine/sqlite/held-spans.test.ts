// How the SQLite store keeps reserved messages taken from posted batches (held-spans.ts), seen in
// the file itself: a span per reserve and chunk, rows only for messages something else happened
// to, and nothing left once they are gone. What every verb sees of them is the conformance suite's
// (store-conformance-held).
import { describe, expect, it } from 'vitest';
import { defaultQueueSettings } from '../queue-settings';
import type { ReservedMessage } from '../types';
import { PROJECT, T0, plain, useStoreFile } from './store-file.test-helpers';

const refsOf = (messages: ReservedMessage[]) => messages.map(({ id, reservationId }) => ({ id, reservationId }));

describe('held spans in the SQLite file', () => {
  const { store, reader } = useStoreFile('ferro-held-spans-');

  /**
   * Spans, those with a copy of their bodies (the others adopted their chunk's row), how many
   * messages they still hold, message rows, and rows of bodies that neither a chunk nor a span reads.
   */
  const stored = () => ({
    spans: reader().prepare('SELECT COUNT(*) FROM held_spans').pluck().get(),
    copies: reader().prepare('SELECT COUNT(*) FROM chunk_bodies WHERE first_id < 0').pluck().get(),
    held: reader().prepare('SELECT IFNULL(SUM(live), 0) FROM held_spans').pluck().get(),
    rows: reader().prepare('SELECT COUNT(*) FROM messages').pluck().get(),
    orphans: reader().prepare(
      `SELECT COUNT(*) FROM chunk_bodies AS b WHERE NOT EXISTS (SELECT 1 FROM ready_chunks AS c WHERE c.first_id = b.first_id)
         AND NOT EXISTS (SELECT 1 FROM held_spans AS h WHERE h.bodies_id = b.first_id)`,
    ).pluck().get(),
  });

  const post = (bodies: string[], name = 'q') => store().postMessages(PROJECT, name, bodies.map(plain), T0);
  const reserve = async (n: number, nowMs = T0, name = 'q') =>
    (await store().reserveMessages(PROJECT, name, { n, timeoutMs: 10_000, isDelete: false }, nowMs)).messages;

  it('holds a reserve a span per chunk it took from, and lets go of it with the batch delete', async () => {
    await post(Array.from({ length: 150 }, (_, i) => `m${i}`));
    const first = await reserve(30);
    const second = await reserve(100);
    // 30 of the first chunk's 100 (a copy of their bodies); then its other 70, which adopt the
    // chunk's row, and 30 of the second chunk's 50 (a copy).
    expect(stored()).toEqual({ spans: 3, copies: 2, held: 130, rows: 0, orphans: 0 });
    await store().deleteMessages(PROJECT, 'q', refsOf(second.slice(0, 50)), T0 + 1);
    expect(stored()).toEqual({ spans: 3, copies: 2, held: 80, rows: 0, orphans: 0 });
    await store().deleteMessages(PROJECT, 'q', refsOf(second.slice(50, 70)), T0 + 1);
    expect(stored()).toEqual({ spans: 2, copies: 2, held: 60, rows: 0, orphans: 0 });
    await store().deleteMessages(PROJECT, 'q', refsOf([...first, ...second.slice(70)]), T0 + 1);
    expect(stored()).toEqual({ spans: 0, copies: 0, held: 0, rows: 0, orphans: 0 });
    expect((await store().peekMessages(PROJECT, 'q', 30, T0 + 1)).map((message) => message.body)).toEqual(
      Array.from({ length: 20 }, (_, i) => `m${130 + i}`),
    );
  });

  it('gives a span rows when one of its messages is touched, released or taken again', async () => {
    await post(['a', 'b', 'c', 'd']);
    const held = await reserve(2);
    await store().touchMessage(PROJECT, 'q', { id: held[1].id, reservationId: held[1].reservationId }, undefined, T0 + 1);
    expect(stored()).toEqual({ spans: 0, copies: 0, held: 0, rows: 2, orphans: 0 });
    await reserve(2);
    expect(stored()).toEqual({ spans: 1, copies: 0, held: 2, rows: 2, orphans: 0 });
    // The reservation runs out: the next reserve takes the span's messages as rows.
    const again = await reserve(4, T0 + 10_000);
    expect(again.map((message) => message.body)).toEqual(['a', 'c', 'd']);
    expect(stored()).toEqual({ spans: 0, copies: 0, held: 0, rows: 4, orphans: 0 });
  });

  it('leaves nothing of a span behind once it expires, or its queue is cleared', async () => {
    const settings = { ...defaultQueueSettings(), messageExpirationMs: 1_000 };
    await store().saveQueue(PROJECT, 'expiring', () => settings, T0);
    await post(['x', 'y', 'z'], 'expiring');
    await reserve(3, T0, 'expiring');
    await post(['a', 'b', 'c'], 'cleared');
    await reserve(2, T0, 'cleared');
    expect(stored()).toEqual({ spans: 2, copies: 1, held: 5, rows: 0, orphans: 0 });
    await store().clearMessages(PROJECT, 'cleared');
    while ((await store().sweep(T0 + 1_000, 1_000)).removed > 0);
    expect(stored()).toEqual({ spans: 0, copies: 0, held: 0, rows: 0, orphans: 0 });
    expect(reader().prepare('SELECT COUNT(*) FROM chunk_bodies').pluck().get()).toBe(0);
    expect(await store().getQueue(PROJECT, 'expiring', T0 + 1_000)).toMatchObject({ size: 0 });
    expect(await store().countMessages(PROJECT, 'expiring', T0 + 1_000)).toEqual({ ready: 0, delayed: 0, reserved: 0 });
  });
});
