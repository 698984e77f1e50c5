// Arrivals across instances, measured through the wire API. A long poll waiting on instance B
// wakes within milliseconds of a post on instance A (LISTEN/NOTIFY, not polling): p50 and p99 over
// a couple of hundred posts. Push: messages posted on either instance reach a subscriber once each,
// soon after the post, whichever instance's pusher claims them; and an alert whose level is crossed
// by posts racing in through both instances fires once per crossing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerPair } from '../helpers/pg-pair';
import { eventually } from '../helpers/push-api';
import { startSubscriber, type Subscriber } from '../helpers/push-subscriber';
import { percentile, ProbeReport } from '../faults/support/report';
import { InstanceClient, sleep, startPair } from './support';

const SAMPLES = 200;

describe('scale-out: arrivals across instances', () => {
  const report = new ProbeReport('two instances, one PostgreSQL: arrivals');
  let pair: ServerPair;
  let subscriber: Subscriber | undefined;
  const clients: InstanceClient[] = [];
  const clientsOf = (queue: string) => {
    const made = pair.instances.map((instance) => new InstanceClient(instance, queue));
    clients.push(...made);
    return made;
  };

  beforeAll(async () => {
    pair = await startPair();
  });

  afterAll(async () => {
    report.print();
    for (const client of clients) client.close();
    await subscriber?.close();
    await pair?.stop();
  });

  it(`a long poll on B wakes within milliseconds of a post on A (p50, p99 of ${SAMPLES})`, async () => {
    const [a, b] = clientsOf(`wake-${Date.now().toString(36)}`);
    expect((await a.call('PUT', '', {})).status).toBe(200);
    const wakeUps: number[] = [];
    for (let i = 0; i < SAMPLES; i += 1) {
      const poll = b.call('POST', '/reservations', { n: 1, wait: 5, delete: true });
      // Long enough for the reserve to reach B and go to sleep.
      await sleep(15);
      expect((await a.call('POST', '/messages', { messages: [{ body: `w${i}` }] })).status).toBe(201);
      const postedAt = performance.now();
      const answer = await poll;
      // B may answer before A's own answer arrives here: that is a wake-up of 0 ms.
      wakeUps.push(Math.max(performance.now() - postedAt, 0));
      expect(answer.body.messages.map((m: { body: string }) => m.body)).toEqual([`w${i}`]);
    }
    const p50 = percentile(wakeUps, 50);
    const p99 = percentile(wakeUps, 99);
    report.figure('long-poll wake-up across instances p50 / p99', `${p50.toFixed(2)} ms / ${p99.toFixed(2)} ms`);
    // The benchmark holds the 50 ms target on a quiet machine; here other tests share the cores.
    report.check(p50 < 50, `p50 ${p50.toFixed(1)} ms: not woken by a notification`);
    report.check(p99 < 250, `p99 ${p99.toFixed(1)} ms`);
    expect(report.failed).toEqual([]);
  });

  it('messages posted on either instance are pushed once each, soon after the post', async () => {
    const received = new Map<string, number>();
    subscriber = await startSubscriber((push) => {
      received.set(push.messageId, Date.now());
      return 200;
    });
    const [a, b] = clientsOf(`push-${Date.now().toString(36)}`);
    expect((await a.call('PUT', '', { queue: { type: 'multicast', push: { subscribers: [{ name: 's', url: subscriber.url }] } } })).status).toBe(200);
    const postedAt = new Map<string, number>();
    for (let i = 0; i < 100; i += 1) {
      const answer = await (i % 2 === 0 ? a : b).call('POST', '/messages', { messages: [{ body: `p${i}` }] });
      postedAt.set(answer.body.ids[0], Date.now());
      await sleep(5);
    }
    await eventually(async () => received.size, (count) => count === 100, 20_000, 'every message pushed');
    await sleep(500);
    const latencies = [...postedAt].map(([id, atMs]) => received.get(id)! - atMs);
    for (const id of postedAt.keys()) report.check(subscriber.pushesOf(id).length === 1, `message ${id} was pushed ${subscriber.pushesOf(id).length} times`);
    report.figure('push, post → delivery across instances p50 / p99', `${percentile(latencies, 50)} ms / ${percentile(latencies, 99)} ms`);
    report.check(percentile(latencies, 50) < 100, `push p50 ${percentile(latencies, 50)} ms: the pushers were not woken by the posts`);
    expect(report.failed).toEqual([]);
  });

  it('an alert crossed by posts racing through both instances fires once per crossing', async () => {
    const [a, b] = clientsOf(`alerted-${Date.now().toString(36)}`);
    const target = `alerts-${Date.now().toString(36)}`;
    const alerts = [{ type: 'progressive', direction: 'asc', trigger: 10, queue: target }];
    expect((await a.call('PUT', '', { queue: { alerts } })).status).toBe(200);
    // 200 single-message posts, eight at a time, spread over both instances: 20 crossings.
    let next = 0;
    await Promise.all(Array.from({ length: 8 }, async (_, worker) => {
      while (next < 200) {
        next += 1;
        expect((await (worker % 2 === 0 ? a : b).call('POST', '/messages', { messages: [{ body: 'x' }] })).status).toBe(201);
      }
    }));
    const [targetOnA] = clientsOf(target);
    const fired = await eventually(async () => (await targetOnA.call('GET', '/messages?n=100')).body?.messages ?? [], (messages) => messages.length >= 20, 10_000, '20 alerts');
    await sleep(1_000);
    const sizes = ((await targetOnA.call('GET', '/messages?n=100')).body.messages as Array<{ body: string }>).map((m) => JSON.parse(m.body).queue_size as number);
    report.figure('alert firings for 20 crossings', sizes.length);
    expect(fired.length).toBeGreaterThanOrEqual(20);
    expect(sizes.sort((x, y) => x - y)).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 10));
  });
});
