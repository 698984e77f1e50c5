// The fault probes' checkers must be able to fail: each is shown a history with exactly the
// defect it looks for, and a clean one.
import { describe, expect, it } from 'vitest';
import { makeBody, readBody } from './support/bodies';
import { reservationViolations } from './support/reservations';

const grant = (messageId: string, reservationId: string, startMs: number, endMs = startMs + 5) => ({ messageId, reservationId, startMs, endMs, timeoutMs: 1_000 });

describe('reservation checker', () => {
  it('passes a clean history: a re-grant after the timeout, or after an accepted release', () => {
    expect(reservationViolations({ grants: [grant('m', 'r1', 0), grant('m', 'r2', 1_100)], endings: [] })).toEqual([]);
    expect(reservationViolations({
      grants: [grant('m', 'r1', 0), grant('m', 'r2', 300)],
      endings: [{ reservationId: 'r1', kind: 'release', startMs: 200, endMs: 250, isAccepted: true }],
    })).toEqual([]);
  });

  it('catches one message held by two at once', () => {
    expect(reservationViolations({ grants: [grant('m', 'r1', 0), grant('m', 'r2', 400)], endings: [] })).toHaveLength(1);
  });

  it('catches a delete accepted from a holder whose reservation was given to another', () => {
    const violations = reservationViolations({
      grants: [grant('m', 'r1', 0), grant('m', 'r2', 1_100)],
      endings: [{ reservationId: 'r1', kind: 'delete', startMs: 1_200, endMs: 1_210, isAccepted: true }],
    });
    expect(violations).toEqual([expect.stringContaining('already given to another holder')]);
  });

  it('treats an unanswered release as one that may have happened', () => {
    expect(reservationViolations({
      grants: [grant('m', 'r1', 0), grant('m', 'r2', 300)],
      endings: [{ reservationId: 'r1', kind: 'release', startMs: 200, endMs: 250, isAccepted: undefined }],
    })).toEqual([]);
  });
});

describe('self-checking bodies', () => {
  it('reads back what it wrote, and refuses any altered byte', () => {
    const body = makeBody({ run: 'r1', client: 3, seq: 42 });
    expect(readBody(body)).toEqual({ run: 'r1', client: 3, seq: 42 });
    expect(readBody(body.replace(':42:', ':43:'))).toBeUndefined();
    expect(readBody(`${body.slice(0, -1)}0`.replace(/.$/, body.endsWith('0') ? '1' : '0'))).toBeUndefined();
    expect(readBody('\ufffd' + body.slice(1))).toBeUndefined();
  });
});
