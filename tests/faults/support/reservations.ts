// Checks a recorded history of reservations for the two things a queue must never do: hand one
// message to two holders at once, and accept a delete from a holder whose reservation was
// already given to someone else. Times are the client's (request start and end); the server
// acted somewhere in between, so only certain violations are reported, never possible ones.

export interface Grant {
  messageId: string;
  reservationId: string;
  /** Client time the reserve (or touch) was sent and answered (ms). */
  startMs: number;
  endMs: number;
  timeoutMs: number;
}

export interface Ending {
  reservationId: string;
  kind: 'delete' | 'release' | 'touch';
  startMs: number;
  endMs: number;
  /** True when the server answered 2xx; undefined when no answer came (it may have happened). */
  isAccepted: boolean | undefined;
}

export interface ReservationHistory {
  grants: Grant[];
  endings: Ending[];
}

/** Descriptions of every certain violation; empty when the history is clean. */
export function reservationViolations(history: ReservationHistory): string[] {
  const endingsByReservation = new Map<string, Ending[]>();
  for (const ending of history.endings) {
    const list = endingsByReservation.get(ending.reservationId) ?? [];
    list.push(ending);
    endingsByReservation.set(ending.reservationId, list);
  }
  const grantsByMessage = new Map<string, Grant[]>();
  for (const grant of history.grants) {
    const list = grantsByMessage.get(grant.messageId) ?? [];
    list.push(grant);
    grantsByMessage.set(grant.messageId, list);
  }
  const violations: string[] = [];
  for (const [messageId, grants] of grantsByMessage) {
    grants.sort((a, b) => a.endMs - b.endMs);
    for (let i = 1; i < grants.length; i += 1) {
      const earlier = grants[i - 1];
      const later = grants[i];
      // The earlier holder's reservation could only have ended by timing out or by an ending
      // the server may have processed before granting the later one.
      const couldHaveEnded = (endingsByReservation.get(earlier.reservationId) ?? []).some(
        (ending) => ending.isAccepted !== false && ending.startMs <= later.endMs,
      );
      if (!couldHaveEnded && later.endMs < earlier.startMs + earlier.timeoutMs) {
        violations.push(`message ${messageId} reserved again ${earlier.startMs + earlier.timeoutMs - later.endMs} ms before its reservation could have ended`);
      }
    }
    for (const grant of grants) {
      for (const ending of endingsByReservation.get(grant.reservationId) ?? []) {
        if (ending.kind !== 'delete' || ending.isAccepted !== true) continue;
        const regranted = grants.find((other) => other !== grant && other.startMs > grant.startMs && other.endMs < ending.startMs);
        if (regranted) violations.push(`message ${messageId}: a delete with a reservation already given to another holder was accepted`);
      }
    }
  }
  return violations;
}
