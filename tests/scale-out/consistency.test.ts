// Two instances on one PostgreSQL, producers and 16 consumers spread across both, a few hundred
// thousand messages. Most consumers take 100 at a time and delete them in one batch; some are slow:
// their 1 s reservations run out before they delete, so their messages are granted again (often
// on the other instance) while the late delete is still on its way. From the recorded history:
// no message held by two live reservations at once, no late delete accepted after a re-grant,
// none lost, none granted after its delete was acknowledged, no id posted twice.
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerPair } from '../helpers/pg-pair';
import { ProbeReport } from '../faults/support/report';
import { reservationViolations, type ReservationHistory } from '../faults/support/reservations';
import { InstanceClient, sleep, startPair } from './support';

const MESSAGES = Number(process.env.FERRO_SCALE_MESSAGES ?? 200_000);
const PRODUCERS = 4;
const CONSUMERS = 16;
const SLOW_CONSUMERS = 4;
const DEADLINE_MS = 240_000;
const QUEUE = `consistency-${Date.now().toString(36)}`;

interface Ledger {
  posted: Set<string>;
  /** Message id → client time its first acknowledged delete ended. */
  deletedAtMs: Map<string, number>;
  history: ReservationHistory;
  grantsByInstance: number[];
  lateRefused: number;
}

async function produce(client: InstanceClient, ledger: Ledger, next: () => number | undefined): Promise<void> {
  for (let batch = next(); batch !== undefined; batch = next()) {
    const messages = Array.from({ length: 100 }, (_, i) => ({ body: `m${batch * 100 + i}` }));
    const answer = await client.call('POST', '/messages', { messages });
    if (answer.status !== 201) throw new Error(`post answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    for (const id of answer.body.ids as string[]) {
      if (ledger.posted.has(id)) throw new Error(`id ${id} was handed out twice`);
      ledger.posted.add(id);
    }
  }
}

async function consume(client: InstanceClient, instance: number, isSlow: boolean, ledger: Ledger, isDone: () => boolean): Promise<void> {
  while (!isDone()) {
    const timeoutS = isSlow ? 1 : 30;
    const startMs = Date.now();
    const reserved = await client.call('POST', '/reservations', { n: isSlow ? 5 : 100, timeout: timeoutS, wait: 1 });
    const endMs = Date.now();
    if (reserved.status !== 200) throw new Error(`reserve answered ${reserved.status}: ${JSON.stringify(reserved.body)}`);
    const messages = reserved.body.messages as Array<{ id: string; reservation_id: string }>;
    for (const message of messages) {
      ledger.history.grants.push({ messageId: message.id, reservationId: message.reservation_id, startMs, endMs, timeoutMs: timeoutS * 1000 });
    }
    ledger.grantsByInstance[instance] += messages.length;
    if (messages.length === 0) continue;
    if (isSlow) {
      // Work that outlasts the 1 s reservation, then one delete per message.
      if (Math.random() < 0.5) await sleep(1_050 + Math.random() * 200);
      for (const message of messages) await deleteOne(client, ledger, message);
    } else {
      await deleteBatch(client, ledger, messages);
    }
  }
}

async function deleteOne(client: InstanceClient, ledger: Ledger, message: { id: string; reservation_id: string }): Promise<void> {
  const startMs = Date.now();
  const answer = await client.call('DELETE', `/messages/${message.id}`, { reservation_id: message.reservation_id });
  const endMs = Date.now();
  ledger.history.endings.push({ reservationId: message.reservation_id, kind: 'delete', startMs, endMs, isAccepted: answer.status === 200 });
  if (answer.status === 200 && !ledger.deletedAtMs.has(message.id)) ledger.deletedAtMs.set(message.id, endMs);
  // 403 when the message was granted again, 404 when its new holder already deleted it.
  if (answer.status === 403 || answer.status === 404) ledger.lateRefused += 1;
}

async function deleteBatch(client: InstanceClient, ledger: Ledger, messages: Array<{ id: string; reservation_id: string }>): Promise<void> {
  const startMs = Date.now();
  const answer = await client.call('DELETE', '/messages', { ids: messages.map((m) => ({ id: m.id, reservation_id: m.reservation_id })) });
  const endMs = Date.now();
  // All or none: one outcome for every reservation of the batch.
  for (const message of messages) {
    ledger.history.endings.push({ reservationId: message.reservation_id, kind: 'delete', startMs, endMs, isAccepted: answer.status === 200 });
    if (answer.status === 200 && !ledger.deletedAtMs.has(message.id)) ledger.deletedAtMs.set(message.id, endMs);
  }
  if (answer.status !== 200) throw new Error(`a prompt batch delete answered ${answer.status}: ${JSON.stringify(answer.body)}`);
}

describe('scale-out: consistency across two instances', () => {
  const report = new ProbeReport('two instances, one PostgreSQL: consistency');
  let pair: ServerPair | undefined;
  const clients: InstanceClient[] = [];

  afterAll(async () => {
    report.print();
    for (const client of clients) client.close();
    await pair?.stop();
  });

  it(`${CONSUMERS} consumers on two instances share ${MESSAGES} messages without a double reservation, a loss or a redelivery`, async () => {
    pair = await startPair();
    const [a, b] = pair.instances.map((instance) => new InstanceClient(instance, QUEUE));
    clients.push(a, b);
    expect((await a.call('PUT', '', {})).status).toBe(200);
    const ledger: Ledger = { posted: new Set(), deletedAtMs: new Map(), history: { grants: [], endings: [] }, grantsByInstance: [0, 0], lateRefused: 0 };
    let batches = 0;
    const nextBatch = () => (batches < MESSAGES / 100 ? batches++ : undefined);
    const startedAt = Date.now();
    const isDone = () => ledger.deletedAtMs.size >= MESSAGES || Date.now() - startedAt > DEADLINE_MS;
    await Promise.all([
      ...Array.from({ length: PRODUCERS }, (_, i) => produce(i % 2 === 0 ? a : b, ledger, nextBatch)),
      ...Array.from({ length: CONSUMERS }, (_, i) => consume(i % 2 === 0 ? a : b, i % 2, i < SLOW_CONSUMERS, ledger, isDone)),
    ]);
    const elapsedS = (Date.now() - startedAt) / 1000;

    const violations = reservationViolations(ledger.history);
    report.checkAll(ledger.history.grants.length, violations);
    report.check(ledger.posted.size === MESSAGES, `${ledger.posted.size} of ${MESSAGES} messages were posted`);
    for (const id of ledger.posted) report.check(ledger.deletedAtMs.has(id), `message ${id} was posted and never delivered and deleted`);
    for (const grant of ledger.history.grants) {
      report.check(ledger.posted.has(grant.messageId), `message ${grant.messageId} was granted but never posted`);
      const deletedAtMs = ledger.deletedAtMs.get(grant.messageId);
      report.check(deletedAtMs === undefined || grant.startMs <= deletedAtMs, `message ${grant.messageId} was granted after its delete was acknowledged`);
    }
    report.check(ledger.grantsByInstance.every((count) => count > 0), `grants by instance: ${ledger.grantsByInstance.join(', ')}`);
    // The slow consumers must have met re-granted messages, or the run proved nothing about them.
    report.check(ledger.lateRefused > 0, 'no late delete was refused: re-grants were not exercised');
    const queue = await a.call('GET', '');
    report.check(queue.body?.queue?.size === 0, `the queue still holds ${queue.body?.queue?.size} messages`);
    report.figure('messages', MESSAGES);
    report.figure('reservations granted (A, B)', `${ledger.history.grants.length} (${ledger.grantsByInstance.join(', ')})`);
    report.figure('late deletes refused (403, 404)', ledger.lateRefused);
    report.figure('elapsed', `${elapsedS.toFixed(1)} s (${Math.round(MESSAGES / elapsedS)} messages/s through post, reserve and delete)`);
    expect(report.failed).toEqual([]);
  }, DEADLINE_MS + 120_000);
});
