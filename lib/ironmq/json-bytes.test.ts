// The reserve reply written from stored bytes must be, byte for byte, what JSON.stringify gives
// for the same messages, whatever the bodies hold and whichever of them come as bytes.
import { describe, expect, it } from 'vitest';
import type { ReservedMessage } from '../engine/types';
import { JsonBytes, reservedReply } from './json-bytes';

/** The reply as the wire API wrote it before reservedReply, field for field. */
const stringified = (messages: ReservedMessage[]) =>
  JSON.stringify({
    messages: messages.map((m) => ({ id: m.id, body: m.body, reserved_count: m.reservedCount, reservation_id: m.reservationId })),
  });

const message = (body: string, i: number): ReservedMessage => ({
  id: String(1_000_000 + i),
  body,
  reservedCount: i + 1,
  reservationId: `${i}`.padStart(32, 'a'),
  reservedUntilMs: 0,
  timeoutMs: 60_000,
});

describe('reservedReply', () => {
  const escapeFree = ['', 'plain', 'é 日本 😀', '\u007f\u0085\u2028\u2029', 'x'.repeat(16_384), 'y'.repeat(600)];
  const escaped = ['say "hi"', 'C:\\temp', 'line\nbreak\ttab', '\u0000\u001f', '{"json":["in","a","body"]}'];
  const asText = (reply: ReturnType<typeof reservedReply>) => (reply instanceof JsonBytes ? reply.bytes.toString() : JSON.stringify(reply));

  it('copies bodies as bytes (a Buffer, or a plain Uint8Array as from a worker) and writes what JSON.stringify writes', () => {
    const messages = [
      ...escapeFree.map((body, i) => ({ ...message(body, i), escapeFreeBody: Buffer.from(body) })),
      ...escaped.map((body, i) => message(body, i + 10)),
      ...escapeFree.map((body, i) => ({ ...message(body, i + 20), escapeFreeBody: new Uint8Array(Buffer.from(body)) })),
      ...escapeFree.map((body, i) => message(body, i + 30)),
    ];
    const reply = reservedReply(messages);
    expect(reply).toBeInstanceOf(JsonBytes);
    expect(asText(reply)).toBe(stringified(messages));
    expect(JSON.parse(asText(reply)).messages.map((m: { body: string }) => m.body)).toEqual(messages.map((m) => m.body));
  });

  it('leaves small bodies to JSON.stringify, with the same result', () => {
    const messages = ['a', 'b"c', 'd'].map((body, i) => ({ ...message(body, i), ...(body.includes('"') ? {} : { escapeFreeBody: Buffer.from(body) }) }));
    const reply = reservedReply(messages);
    expect(reply).not.toBeInstanceOf(JsonBytes);
    expect(asText(reply)).toBe(stringified(messages));
    expect(asText(reservedReply([]))).toBe('{"messages":[]}');
  });
});
