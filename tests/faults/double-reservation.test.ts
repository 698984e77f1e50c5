// Probe 2 of the fault suite: no message is ever held by two consumers at once. Sixteen
// consumers reserve with 1 s and 30 s timeouts; some work past their timeout before deleting,
// so messages are re-granted while a late holder still tries to delete. The recorded history
// must show no overlapping reservations and no late delete accepted after a re-grant.
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ProbeClient, sleep } from './support/client';
import { ProbeReport, isLongTier } from './support/report';
import { reservationViolations, type ReservationHistory } from './support/reservations';

const CONSUMERS = 16;
const MESSAGES = isLongTier ? 20_000 : 2_000;
const DURATION_MS = isLongTier ? 120_000 : 15_000;
/** The consumers' run, plus posting the messages and checking the history (the default 60 s would cut the long tier short). */
const TEST_TIMEOUT_MS = DURATION_MS + 120_000;

async function consume(server: TestServer, history: ReservationHistory, deadlineMs: number, counts: { lateRefused: number }) {
  const api = new ProbeClient(server, 'double');
  while (Date.now() < deadlineMs) {
    const timeoutS = Math.random() < 0.8 ? 1 : 30;
    const startMs = Date.now();
    const reserved = await api.call('POST', '/reservations', { n: 1 + Math.floor(Math.random() * 3), timeout: timeoutS });
    const endMs = Date.now();
    if (reserved.kind !== 'ok') continue;
    const messages = reserved.response.body.messages as Array<{ id: string; reservation_id: string }>;
    if (messages.length === 0) await sleep(50);
    for (const message of messages) {
      history.grants.push({ messageId: message.id, reservationId: message.reservation_id, startMs, endMs, timeoutMs: timeoutS * 1000 });
    }
    // A slow consumer: some work outlasts a 1 s reservation before the delete is tried.
    if (timeoutS === 1 && Math.random() < 0.3) await sleep(1_050 + Math.random() * 200);
    for (const message of messages) {
      const deleteStartMs = Date.now();
      const deleted = await api.call('DELETE', `/messages/${message.id}`, { reservation_id: message.reservation_id });
      const isAccepted = deleted.kind === 'unknown' ? undefined : deleted.kind === 'ok';
      history.endings.push({ reservationId: message.reservation_id, kind: 'delete', startMs: deleteStartMs, endMs: Date.now(), isAccepted });
      if (deleted.kind === 'refused') counts.lateRefused += 1;
    }
  }
}

describe('fault probe 2: no double reservation', () => {
  const report = new ProbeReport('no double reservation');
  let server: TestServer | undefined;
  afterAll(async () => {
    report.print();
    await server?.stop();
  });

  it(`${CONSUMERS} consumers with short timeouts never share a message`, async () => {
    server = await startServer({ env: { FERRO_SYNC: 'normal' } });
    const producer = new ProbeClient(server, 'double');
    for (let posted = 0; posted < MESSAGES; posted += 100) {
      const outcome = await producer.call('POST', '/messages', { messages: Array.from({ length: 100 }, (_, i) => ({ body: `m${posted + i}` })) });
      expect(outcome.kind).toBe('ok');
    }
    const history: ReservationHistory = { grants: [], endings: [] };
    const counts = { lateRefused: 0 };
    const deadlineMs = Date.now() + DURATION_MS;
    await Promise.all(Array.from({ length: CONSUMERS }, () => consume(server!, history, deadlineMs, counts)));

    const violations = reservationViolations(history);
    // Every reservation was checked against the one before it and against every delete.
    report.checkAll(history.grants.length, violations);
    report.check(history.grants.length > CONSUMERS * 10, `only ${history.grants.length} reservations were made`);
    // The slow consumers must have met re-granted messages, or the probe proved nothing.
    report.check(counts.lateRefused > 0, 'no late delete was ever refused: the probe did not exercise re-grants');
    report.figure('reservations', history.grants.length);
    report.figure('deletes accepted', history.endings.filter((ending) => ending.isAccepted).length);
    report.figure('late deletes refused (403)', counts.lateRefused);
    report.figure('violations', violations.length);
    expect(report.failed).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
