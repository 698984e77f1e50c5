// Probe 1 of the fault suite: kill -9 under load. Eight clients post, reserve, delete, touch and
// release while the server is killed at random moments and restarted on the same data; then the
// queue is drained and the recorded history is checked: nothing acknowledged lost, no delete
// undone, no body corrupted or duplicated, no id reused, no message held by two at once.
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { makeBody, readBody, tagKey, type BodyTag } from './support/bodies';
import { ProbeClient, sleep } from './support/client';
import { ProbeReport, isLongTier } from './support/report';
import { reservationViolations, type ReservationHistory } from './support/reservations';

const KILLS = isLongTier ? 10 : 3;
const CLIENTS = 8;
const RESERVE_TIMEOUT_S = 5;
const RUN = `k9${Date.now().toString(36)}`;

/** What the clients know for certain, and what they cannot know (answers lost in a kill). */
interface Ledger {
  /** Posted and acknowledged: body tag by message id. */
  posted: Map<string, BodyTag>;
  /** Posts whose answer was lost: their messages may exist. */
  maybePosted: Set<string>;
  /** Deletes answered 200. */
  deleted: Set<string>;
  history: ReservationHistory;
}

async function runClient(client: number, server: TestServer, ledger: Ledger, isRunning: () => boolean): Promise<void> {
  const api = new ProbeClient(server, 'kill9');
  let seq = 0;
  while (isRunning()) {
    if (Math.random() < 0.5) {
      const tags = Array.from({ length: 1 + Math.floor(Math.random() * 10) }, () => ({ run: RUN, client, seq: seq++ }));
      const outcome = await api.call('POST', '/messages', { messages: tags.map((tag) => ({ body: makeBody(tag) })) });
      if (outcome.kind === 'ok') outcome.response.body.ids.forEach((id: string, i: number) => ledger.posted.set(id, tags[i]));
      else if (outcome.kind === 'unknown') tags.forEach((tag) => ledger.maybePosted.add(tagKey(tag)));
      else if (outcome.kind === 'down') await sleep(20);
      continue;
    }
    const startMs = Date.now();
    const reserved = await api.call('POST', '/reservations', { n: 1 + Math.floor(Math.random() * 5), timeout: RESERVE_TIMEOUT_S });
    if (reserved.kind !== 'ok') {
      await sleep(20);
      continue;
    }
    const endMs = Date.now();
    for (const message of reserved.response.body.messages as Array<{ id: string; reservation_id: string }>) {
      ledger.history.grants.push({ messageId: message.id, reservationId: message.reservation_id, startMs, endMs, timeoutMs: RESERVE_TIMEOUT_S * 1000 });
      await settle(api, ledger, message);
    }
  }
}

/** Deletes, touches then deletes, or releases a held message, recording each ending. */
async function settle(api: ProbeClient, ledger: Ledger, message: { id: string; reservation_id: string }): Promise<void> {
  let reservationId = message.reservation_id;
  const choice = Math.random();
  if (choice < 0.2) {
    const startMs = Date.now();
    const touched = await api.call('POST', `/messages/${message.id}/touch`, { reservation_id: reservationId, timeout: RESERVE_TIMEOUT_S });
    const endMs = Date.now();
    ledger.history.endings.push({ reservationId, kind: 'touch', startMs, endMs, isAccepted: touched.kind === 'unknown' ? undefined : touched.kind === 'ok' });
    if (touched.kind !== 'ok') return;
    reservationId = touched.response.body.reservation_id;
    ledger.history.grants.push({ messageId: message.id, reservationId, startMs, endMs, timeoutMs: RESERVE_TIMEOUT_S * 1000 });
  }
  const kind = choice > 0.8 ? 'release' : 'delete';
  const startMs = Date.now();
  const outcome = kind === 'release'
    ? await api.call('POST', `/messages/${message.id}/release`, { reservation_id: reservationId })
    : await api.call('DELETE', `/messages/${message.id}`, { reservation_id: reservationId });
  ledger.history.endings.push({ reservationId, kind, startMs, endMs: Date.now(), isAccepted: outcome.kind === 'unknown' ? undefined : outcome.kind === 'ok' });
  if (kind === 'delete' && outcome.kind === 'ok') ledger.deleted.add(message.id);
}

/** Takes every message left, waiting out reservations that killed clients still held. */
async function drain(server: TestServer): Promise<Array<{ id: string; body: string }>> {
  const api = new ProbeClient(server, 'kill9');
  const drained: Array<{ id: string; body: string }> = [];
  const deadlineMs = Date.now() + (RESERVE_TIMEOUT_S + 20) * 1000;
  while (Date.now() < deadlineMs) {
    const outcome = await api.call('POST', '/reservations', { n: 100, delete: true, wait: 1 });
    if (outcome.kind !== 'ok') throw new Error(`drain failed: ${JSON.stringify(outcome)}`);
    drained.push(...outcome.response.body.messages);
    const info = await api.call('GET', '');
    if (info.kind === 'ok' && info.response.body.queue.size === 0 && outcome.response.body.messages.length === 0) return drained;
  }
  throw new Error('the queue did not drain');
}

describe('fault probe 1: kill -9 under load', () => {
  const report = new ProbeReport('kill -9 under load');
  let server: TestServer | undefined;
  afterAll(async () => {
    report.print();
    await server?.stop();
  });

  it(`loses nothing acknowledged across ${KILLS} kills`, async () => {
    server = await startServer();
    const ledger: Ledger = { posted: new Map(), maybePosted: new Set(), deleted: new Set(), history: { grants: [], endings: [] } };
    let isRunning = true;
    const clients = Array.from({ length: CLIENTS }, (_, client) => runClient(client, server!, ledger, () => isRunning));
    for (let kill = 0; kill < KILLS; kill += 1) {
      await sleep(1_000 + Math.random() * 2_000);
      await server.kill();
      await sleep(Math.random() * 300);
      await server.restart();
    }
    await sleep(1_000);
    isRunning = false;
    await Promise.all(clients);
    const drained = await drain(server);

    const drainedIds = new Set<string>();
    const drainedTags = new Set<string>();
    for (const { id, body } of drained) {
      const tag = readBody(body);
      report.check(tag !== undefined && tag.run === RUN, `message ${id} has a corrupt or foreign body`);
      report.check(!drainedIds.has(id), `message ${id} came out twice`);
      report.check(!ledger.deleted.has(id), `message ${id} came back after its delete was acknowledged`);
      const posted = ledger.posted.get(id);
      if (posted && tag) report.check(tagKey(posted) === tagKey(tag), `message ${id} holds another message's body`);
      else if (tag) report.check(ledger.maybePosted.has(tagKey(tag)), `message ${id} was never posted`);
      if (tag) report.check(!drainedTags.has(tagKey(tag)), `body ${tagKey(tag)} was stored twice`);
      drainedIds.add(id);
      if (tag) drainedTags.add(tagKey(tag));
    }
    for (const id of ledger.posted.keys()) {
      report.check(ledger.deleted.has(id) || drainedIds.has(id) || isMaybeDeleted(ledger, id), `acknowledged message ${id} was lost`);
    }
    report.checkAll(ledger.history.grants.length, reservationViolations(ledger.history));
    report.figure('kills', KILLS);
    report.figure('acknowledged posts', ledger.posted.size);
    report.figure('acknowledged deletes', ledger.deleted.size);
    report.figure('answers lost in kills (posts)', ledger.maybePosted.size);
    report.figure('reservations', ledger.history.grants.length);
    report.figure('drained', drained.length);
    expect(report.failed).toEqual([]);
  });
});

/** A delete whose answer was lost in a kill may have happened: its message may be gone. */
function isMaybeDeleted(ledger: Ledger, id: string): boolean {
  const reservations = new Set(ledger.history.grants.filter((grant) => grant.messageId === id).map((grant) => grant.reservationId));
  return ledger.history.endings.some((ending) => ending.kind === 'delete' && ending.isAccepted === undefined && reservations.has(ending.reservationId));
}
