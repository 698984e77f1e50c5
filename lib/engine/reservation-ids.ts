// Reservation ids: 32 lowercase hex characters (IronMQ's docs show that shape), 128 random bits
// each, so a stale or guessed id never matches a live reservation. A reserve draws the ids of its
// whole batch at once: one randomBytes call and one hex conversion cost about a quarter of a
// randomUUID per message with its dashes removed (9 µs against 40 µs per 100).
import { randomBytes } from 'node:crypto';

const ID_BYTES = 16;
const ID_CHARS = ID_BYTES * 2;

/** `count` new reservation ids. */
export function newReservationIds(count: number): string[] {
  const hex = randomBytes(ID_BYTES * count).toString('hex');
  return Array.from({ length: count }, (_, i) => hex.slice(i * ID_CHARS, (i + 1) * ID_CHARS));
}

/** One new reservation id (a touch, a push delivery). */
export function newReservationId(): string {
  return newReservationIds(1)[0];
}
