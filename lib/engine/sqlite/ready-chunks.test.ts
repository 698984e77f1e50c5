// How the SQLite store keeps posted messages (ready-chunks.ts), seen in the file itself: which
// posts become chunks, and that nothing of a chunk is left once its messages are gone. What every
// verb sees of such messages is the conformance suite's (store-conformance-batches).
import { describe, expect, it } from 'vitest';
import { defaultQueueSettings } from '../queue-settings';
import type { NewMessage } from '../types';
import { PROJECT, T0, plain, useStoreFile } from './store-file.test-helpers';

describe('ready chunks in the SQLite file', () => {
  const { store, reader } = useStoreFile('ferro-ready-chunks-');

  /** Rows in each table that holds messages. */
  const stored = () => ({
    chunks: reader().prepare('SELECT COUNT(*) FROM ready_chunks').pluck().get(),
    bodies: reader().prepare('SELECT COUNT(*) FROM chunk_bodies').pluck().get(),
    rows: reader().prepare('SELECT COUNT(*) FROM messages').pluck().get(),
    spans: reader().prepare('SELECT COUNT(*) FROM held_spans').pluck().get(),
  });

  const post = (bodies: string[], name = 'q') => store().postMessages(PROJECT, name, bodies.map(plain), T0);

  it('keeps a long post as chunks of 100, whose reserved messages go to a held span', async () => {
    await post(Array.from({ length: 250 }, (_, i) => `m${i}`));
    expect(stored()).toEqual({ chunks: 3, bodies: 3, rows: 0, spans: 0 });
    // The span copies the 30 bodies it took; the chunk keeps its own.
    await store().reserveMessages(PROJECT, 'q', { n: 30, isDelete: false }, T0);
    expect(stored()).toEqual({ chunks: 3, bodies: 4, rows: 0, spans: 1 });
    await store().reserveMessages(PROJECT, 'q', { n: 100, isDelete: true }, T0);
    expect(stored()).toEqual({ chunks: 2, bodies: 3, rows: 0, spans: 1 });
  });

  it('leaves nothing of a chunk behind once its messages are taken, deleted, cleared or expired', async () => {
    await post(['a', 'b', 'c']);
    await post(['d', 'e', 'f', 'g']);
    const { messages } = await store().reserveMessages(PROJECT, 'q', { n: 4, isDelete: false }, T0);
    await store().deleteMessages(PROJECT, 'q', messages.map(({ id, reservationId }) => ({ id, reservationId })), T0);
    expect(stored()).toEqual({ chunks: 1, bodies: 1, rows: 0, spans: 0 });
    // A delete by id takes a chunk's first message from its front, and turns the chunk into rows
    // for any other.
    const [e, , g] = await store().peekMessages(PROJECT, 'q', 3, T0);
    await store().deleteMessages(PROJECT, 'q', [{ id: e.id }], T0);
    expect(stored()).toEqual({ chunks: 1, bodies: 1, rows: 0, spans: 0 });
    await store().deleteMessages(PROJECT, 'q', [{ id: g.id }], T0);
    expect(stored()).toEqual({ chunks: 0, bodies: 0, rows: 1, spans: 0 });
    expect((await store().peekMessages(PROJECT, 'q', 3, T0)).map((message) => message.body)).toEqual(['f']);

    await post(['g', 'h'], 'cleared');
    await store().clearMessages(PROJECT, 'cleared');
    const settings = { ...defaultQueueSettings(), messageExpirationMs: 1_000 };
    await store().saveQueue(PROJECT, 'expiring', () => settings, T0);
    await post(['i', 'j'], 'expiring');
    while ((await store().sweep(T0 + 1_000, 1_000)).removed > 0);
    expect(stored()).toEqual({ chunks: 0, bodies: 0, rows: 1, spans: 0 });
  });

  it('fills a chunk up to 16 KiB of bodies, gives a larger body a chunk of its own, and rows to bodies that would join', async () => {
    await post(Array.from({ length: 100 }, (_, i) => `${i % 10}`.repeat(1024)));
    expect(stored()).toEqual({ chunks: 7, bodies: 7, rows: 0, spans: 0 });
    const large = Array.from({ length: 3 }, (_, i) => `${i}`.repeat(50 * 1024));
    await post(large);
    // A lone high surrogate followed by a lone low one would read back as one character. (The API
    // refuses lone surrogates with a 400 before they reach the store; the store holds its own line.)
    await post(['x\ud83d', '\ude00y']);
    await post(['alone']);
    expect(stored()).toEqual({ chunks: 10, bodies: 10, rows: 3, spans: 0 });
    const { messages } = await store().reserveMessages(PROJECT, 'q', { n: 100, isDelete: true }, T0);
    expect(messages.map((message) => message.body)).toEqual(Array.from({ length: 100 }, (_, i) => `${i % 10}`.repeat(1024)));
    const bodies = (await store().peekMessages(PROJECT, 'q', 10, T0)).map((message) => message.body);
    expect([...bodies.slice(0, 3), bodies[5]]).toEqual([...large, 'alone']);
    expect([bodies[3].startsWith('x'), bodies[4].endsWith('y'), bodies.join('').includes('😀')]).toEqual([true, true, false]);
  });

  it('keeps whether a post is escape-free with its chunks, and a reserve hands out those bodies as stored bytes', async () => {
    const escapeFree = (body: string): NewMessage => ({ ...plain(body), isBodyEscapeFree: true });
    const free = ['plain', 'é 日本 😀', '', 'x'.repeat(2_000)];
    await store().postMessages(PROJECT, 'q', free.map(escapeFree), T0);
    // One message without the mark makes the whole post's chunks unmarked.
    await store().postMessages(PROJECT, 'q', [escapeFree('a'), plain('say "hi"\n')], T0);
    const flags = reader().prepare('SELECT escape_free FROM chunk_bodies ORDER BY first_id').pluck().all();
    expect(flags).toEqual([1, 0]);

    const { messages } = await store().reserveMessages(PROJECT, 'q', { n: 6, isDelete: false }, T0);
    expect(messages.map((message) => message.body)).toEqual([...free, 'a', 'say "hi"\n']);
    const bytes = messages.map((message) => message.escapeFreeBody && Buffer.from(message.escapeFreeBody).toString());
    expect(bytes).toEqual([...free, undefined, undefined]);
    // Once held, they read back as rows do: a body, no bytes.
    expect((await store().getMessage(PROJECT, 'q', messages[1].id, T0)).body).toBe(free[1]);
  });
});
