// Reservation ids: 32 lowercase hex characters (IronMQ's docs show that shape), 128 random bits
// each, so a stale or guessed id never matches a live reservation. (The SQLite store's held spans
// give the messages of one reserve 96 random bits in common and their index after them:
// held-spans.ts.) A reserve draws the ids of its
// whole batch at once: one randomBytes call and one hex conversion cost about a quarter of a
// randomUUID per message with its dashes removed (9 µs against 40 µs per 100). Single ids (push
// attempts, touches) come from a pool drawn the same way, as randomUUID keeps a cache: one
// randomBytes call per id was 4% of the server's CPU while pushing.
import { randomBytes } from 'node:crypto';

const ID_BYTES = 16;
const ID_CHARS = ID_BYTES * 2;
/** Single ids drawn at once; each is handed out once. */
const POOL_IDS = 128;

let pool = '';
let poolOffset = 0;

/** `count` new reservation ids. */
export function newReservationIds(count: number): string[] {
  const hex = randomBytes(ID_BYTES * count).toString('hex');
  return Array.from({ length: count }, (_, i) => hex.slice(i * ID_CHARS, (i + 1) * ID_CHARS));
}

/** One new reservation id (a touch, a push attempt). */
export function newReservationId(): string {
  if (poolOffset === pool.length) {
    pool = randomBytes(ID_BYTES * POOL_IDS).toString('hex');
    poolOffset = 0;
  }
  const id = pool.slice(poolOffset, poolOffset + ID_CHARS);
  poolOffset += ID_CHARS;
  return id;
}
