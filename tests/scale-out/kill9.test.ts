// kill -9 of one of two instances on one PostgreSQL, under load, then a restart. Pull: clients
// post, reserve and delete through both instances while instance A dies; afterwards nothing
// acknowledged is lost, no delete is undone, nothing is held twice, and what A's clients held when
// it died comes back when their reservations run out. Push: A dies holding leased attempts to a
// slow subscriber; B notices each lease run out, counts the cut attempt as a failed try and
// delivers the message itself, while A stays dead.
import { afterAll, describe, expect, it } from 'vitest';
import type { ServerPair } from '../helpers/pg-pair';
import { eventually } from '../helpers/push-api';
import { startSubscriber, type Subscriber } from '../helpers/push-subscriber';
import { ProbeReport } from '../faults/support/report';
import { reservationViolations, type ReservationHistory } from '../faults/support/reservations';
import { InstanceClient, sleep, startPair } from './support';

const RESERVE_TIMEOUT_S = 5;

interface Ledger {
  posted: Map<string, string>;
  /** Bodies of posts whose answer was lost when A died: they may or may not exist. */
  maybePosted: Set<string>;
  deleted: Set<string>;
  /** Messages whose delete was cut off by A's death: PostgreSQL may have committed it. */
  maybeDeleted: Set<string>;
  history: ReservationHistory;
}

async function runClient(client: InstanceClient, label: string, ledger: Ledger, isRunning: () => boolean): Promise<void> {
  let seq = 0;
  while (isRunning()) {
    try {
      if (Math.random() < 0.5) {
        const bodies = Array.from({ length: 10 }, () => `${label}-${seq++}`);
        try {
          const answer = await client.call('POST', '/messages', { messages: bodies.map((body) => ({ body })) });
          if (answer.status === 201) (answer.body.ids as string[]).forEach((id, i) => ledger.posted.set(id, bodies[i]));
        } catch (error) {
          bodies.forEach((body) => ledger.maybePosted.add(body));
          throw error;
        }
        continue;
      }
      const startMs = Date.now();
      const reserved = await client.call('POST', '/reservations', { n: 5, timeout: RESERVE_TIMEOUT_S });
      const endMs = Date.now();
      for (const message of (reserved.body?.messages ?? []) as Array<{ id: string; reservation_id: string }>) {
        ledger.history.grants.push({ messageId: message.id, reservationId: message.reservation_id, startMs, endMs, timeoutMs: RESERVE_TIMEOUT_S * 1000 });
        const deleteStartMs = Date.now();
        let isAccepted: boolean | undefined;
        try {
          isAccepted = (await client.call('DELETE', `/messages/${message.id}`, { reservation_id: message.reservation_id })).status === 200;
        } finally {
          ledger.history.endings.push({ reservationId: message.reservation_id, kind: 'delete', startMs: deleteStartMs, endMs: Date.now(), isAccepted });
          if (isAccepted === undefined) ledger.maybeDeleted.add(message.id);
        }
        if (isAccepted) ledger.deleted.add(message.id);
      }
    } catch {
      // The instance is down (killed): wait for it to come back.
      await sleep(50);
    }
  }
}

describe('scale-out: kill -9 of one instance', () => {
  const report = new ProbeReport('two instances, one PostgreSQL: kill -9 of one');
  let pair: ServerPair | undefined;
  let subscriber: Subscriber | undefined;
  const clients: InstanceClient[] = [];

  afterAll(async () => {
    report.print();
    for (const client of clients) client.close();
    await subscriber?.close();
    await pair?.stop();
  });

  it('loses nothing acknowledged; the dead instance’s reservations expire and its leased pushes are retried by the other', async () => {
    pair = await startPair({ env: { FERRO_PUSH_TIMEOUT_MS: '1000' } });
    const [a, b] = pair.instances;
    const queue = `kill9-${Date.now().toString(36)}`;
    const [onA, onB] = [new InstanceClient(a, queue), new InstanceClient(b, queue)];
    clients.push(onA, onB);
    expect((await onA.call('PUT', '', {})).status).toBe(200);

    // Pull under load: four clients on each instance; A dies and comes back.
    const ledger: Ledger = { posted: new Map(), maybePosted: new Set(), deleted: new Set(), maybeDeleted: new Set(), history: { grants: [], endings: [] } };
    let isRunning = true;
    const load = Array.from({ length: 8 }, (_, i) => runClient(i % 2 === 0 ? onA : onB, `c${i}`, ledger, () => isRunning));
    await sleep(2_000);
    await a.kill();
    await sleep(1_000);
    await a.restart();
    await sleep(2_000);
    isRunning = false;
    await Promise.all(load);

    // Drain through B, waiting out the reservations that died with A's clients.
    const drained = new Map<string, string>();
    await eventually(async () => {
      const answer = await onB.call('POST', '/reservations', { n: 100, delete: true, wait: 1 });
      for (const m of answer.body.messages as Array<{ id: string; body: string }>) drained.set(m.id, m.body);
      return (await onB.call('GET', '')).body.queue.size as number;
    }, (size) => size === 0, (RESERVE_TIMEOUT_S + 20) * 1000, 'the queue drained');
    for (const [id, body] of ledger.posted) {
      report.check(ledger.deleted.has(id) || ledger.maybeDeleted.has(id) || drained.get(id) === body, `acknowledged message ${id} was lost`);
    }
    for (const id of drained.keys()) report.check(!ledger.deleted.has(id), `message ${id} came back after its delete was acknowledged`);
    for (const [id, body] of drained) report.check(ledger.posted.get(id) === body || ledger.maybePosted.has(body), `message ${id} was never posted`);
    report.checkAll(ledger.history.grants.length, reservationViolations(ledger.history));
    report.figure('acknowledged posts / deletes / deletes cut off by the kill / drained', `${ledger.posted.size} / ${ledger.deleted.size} / ${ledger.maybeDeleted.size} / ${drained.size}`);

    // Push: A leases attempts to a slow subscriber and dies before they finish.
    subscriber = await startSubscriber((_push, earlier) => (earlier === 0 ? { status: 200, delayMs: 3_000 } : 200));
    const pushQueue = `${queue}-push`;
    const pushOnA = new InstanceClient(a, pushQueue);
    clients.push(pushOnA);
    expect((await pushOnA.call('PUT', '', { queue: { type: 'multicast', push: { subscribers: [{ name: 'slow', url: subscriber.url }], retries: 3, retries_delay: 3 } } })).status).toBe(200);
    const ids = (await pushOnA.call('POST', '/messages', { messages: Array.from({ length: 20 }, (_, i) => ({ body: `p${i}` })) })).body.ids as string[];
    await subscriber.waitForPushes(20, 20_000);
    await a.kill();
    const pushOnB = new InstanceClient(b, pushQueue);
    clients.push(pushOnB);
    // B delivers everything, including what A held: after A's leases run out (push timeout + 5 s).
    await eventually(() => pushOnB.call('GET', ''), (answer) => answer.body.queue.size === 0, 60_000, 'every push delivered by B');
    let retriedByB = 0;
    for (const id of ids) {
      const statuses = (await pushOnB.call('GET', `/messages/${id}/subscribers`)).body.subscribers as Array<{ status: string; tries: number }>;
      const pushes = subscriber.pushesOf(id);
      report.check(statuses[0].status === 'deleted', `message ${id} ended ${statuses[0].status}`);
      report.check(pushes.length <= statuses[0].tries, `message ${id} was pushed ${pushes.length} times in ${statuses[0].tries} tries`);
      report.check(new Set(pushes.map((p) => p.reservationId)).size === pushes.length, `an attempt of ${id} was pushed twice`);
      if (statuses[0].tries === 2) retriedByB += 1;
    }
    report.check(retriedByB > 0, 'no attempt cut short by the kill was retried: A held no leases when it died');
    report.figure('pushes cut short on A and retried by B', retriedByB);
    await a.restart();
    expect(report.failed).toEqual([]);
  });
});
