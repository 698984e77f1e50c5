// The message lifecycle and the reservation rules every store applies inside its atomic
// operations, so that SQLite and PostgreSQL decide "may this caller delete it?" identically.
//
//            post(delay>0)                 reserve                    delete (with id)
//   ─────────► delayed ──due──► ready ────────────────► reserved ─────────────────► (gone)
//   post(delay=0) ───────────────▲ ▲                      │  │ touch: new id, new deadline
//                                │ └──── timeout ─────────┘  │
//                                └──── release(delay) ───────┘  (through delayed when delay>0)
//
//   Expiration removes a message in any state. A reserve that meets a message already reserved
//   max_reservations times moves it to the dead-letter queue instead of handing it out.
//   Timed-out and released messages keep their id, and queues are ordered by id, so they
//   return to the front (§4.2).
import { EngineError } from './errors';
import type { MessageRef, MessageState } from './types';

/** What the rules need to know of a stored message. */
export interface MessageStatus {
  /** State as last written; a reservation or delay whose due time passed counts as ready. */
  state: MessageState;
  /** When a delayed or reserved message becomes ready (epoch ms); null when ready. */
  dueAtMs: number | null;
  reservationId: string | null;
  reservedCount: number;
}

/** The state as of nowMs: reservations and delays end by themselves when due. */
export function currentState(message: MessageStatus, nowMs: number): MessageState {
  if (message.dueAtMs === null || message.dueAtMs <= nowMs) return 'ready';
  return message.state;
}

/** True when the caller names the message's live reservation. */
function holdsReservation(message: MessageStatus, ref: MessageRef, nowMs: number): boolean {
  if (currentState(message, nowMs) !== 'reserved') return false;
  return ref.isReservationIgnored === true || (ref.reservationId !== undefined && ref.reservationId === message.reservationId);
}

/**
 * Delete rule (§4.4): a reserved message needs its current reservation id; an unreserved one
 * may be deleted without an id, but an id given for a message that was reserved before is
 * stale (the reservation timed out) and fails. Throws RESERVATION_MISMATCH.
 */
export function assertDeletable(message: MessageStatus, ref: MessageRef, nowMs: number): void {
  if (ref.isReservationIgnored) return;
  if (currentState(message, nowMs) === 'reserved') {
    if (!holdsReservation(message, ref, nowMs)) throw new EngineError('RESERVATION_MISMATCH');
    return;
  }
  if (ref.reservationId !== undefined && message.reservedCount > 0) {
    throw new EngineError('RESERVATION_MISMATCH');
  }
}

/** Touch and release act only on a live reservation held by the caller (§3.9, §3.10). */
export function assertHeld(message: MessageStatus, ref: MessageRef, nowMs: number): void {
  if (!holdsReservation(message, ref, nowMs)) throw new EngineError('RESERVATION_MISMATCH');
}
