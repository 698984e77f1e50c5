// A reply body already serialised as JSON bytes, and the reserve reply written that way.
// A reserve's reply is mostly bodies. Stringifying them means a check of every character for
// escaping and then an encoding back to UTF-8; for bodies the store vouches need no escaping
// (ReservedMessage.escapeFreeBody) the reply copies their stored bytes between quotes instead.
// The result is byte for byte what JSON.stringify gives (json-bytes.test.ts holds it to that).
import type { ReservedMessage } from '../engine/types';

/** JSON text ready to send: sendJson writes it as it is. */
export class JsonBytes {
  constructor(readonly bytes: Buffer) {}
}

const QUOTE = 0x22;

/** The v3 reserve reply (§3.4): `{"messages":[{"id","body","reserved_count","reservation_id"}, …]}`. */
export function reservedReply(messages: ReservedMessage[]): JsonBytes {
  // Each message is its text up to the body, the body (stored bytes, or JSON text), and the rest.
  const parts: Array<string | Uint8Array> = ['{"messages":['];
  messages.forEach((message, i) => {
    parts.push(`${i === 0 ? '' : ','}{"id":${JSON.stringify(message.id)},"body":`);
    parts.push(message.escapeFreeBody ?? JSON.stringify(message.body));
    parts.push(`,"reserved_count":${message.reservedCount},"reservation_id":${JSON.stringify(message.reservationId)}}`);
  });
  parts.push(']}');
  const size = (part: string | Uint8Array) => (typeof part === 'string' ? Buffer.byteLength(part) : part.length + 2);
  const out = Buffer.allocUnsafe(parts.reduce((sum, part) => sum + size(part), 0));
  let offset = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      offset += out.write(part, offset);
      continue;
    }
    out[offset++] = QUOTE;
    out.set(part, offset);
    offset += part.length;
    out[offset++] = QUOTE;
  }
  return new JsonBytes(out);
}
