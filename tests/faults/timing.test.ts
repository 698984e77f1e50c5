// Probe 3 of the fault suite: timers under load. A delayed post, a reservation running out and a
// delayed release must each make the message available never before its time and promptly
// after it; a long poll must wake promptly when a message arrives. Background clients keep the
// server busy meanwhile. Lateness is measured from the client, so it includes one round trip.
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ProbeClient, sleep } from './support/client';
import { ProbeReport, isLongTier, percentile } from './support/report';

const SAMPLES = isLongTier ? 100 : 8;
/** Generous, so a busy CI machine does not fail it; the figures printed tell the real story. */
const MAX_P99_LATENESS_MS = 1_500;

type Measure = (api: ProbeClient) => Promise<{ earlyByMs: number; latenessMs: number }>;

/** Long-polls for the next message; returns when it came (client time) or throws if none did. */
async function nextMessageAt(api: ProbeClient, waitS: number): Promise<number> {
  const outcome = await api.call('POST', '/reservations', { n: 1, wait: waitS, delete: true });
  if (outcome.kind !== 'ok' || outcome.response.body.messages.length !== 1) throw new Error(`no message within ${waitS} s: ${JSON.stringify(outcome)}`);
  return Date.now();
}

const MEASURES: Record<string, Measure> = {
  async 'delayed post (1 s)'(api) {
    const startMs = Date.now();
    await api.call('POST', '/messages', { messages: [{ body: 'later', delay: 1 }] });
    const ackMs = Date.now();
    const gotMs = await nextMessageAt(api, 5);
    return { earlyByMs: startMs + 1_000 - gotMs, latenessMs: gotMs - (ackMs + 1_000) };
  },
  async 'reservation timeout (1 s)'(api) {
    await api.call('POST', '/messages', { messages: [{ body: 'held' }] });
    const startMs = Date.now();
    await api.call('POST', '/reservations', { n: 1, timeout: 1 });
    const endMs = Date.now();
    const gotMs = await nextMessageAt(api, 5);
    return { earlyByMs: startMs + 1_000 - gotMs, latenessMs: gotMs - (endMs + 1_000) };
  },
  async 'release with delay (1 s)'(api) {
    await api.call('POST', '/messages', { messages: [{ body: 'released' }] });
    const reserved = await api.call('POST', '/reservations', { n: 1, timeout: 60 });
    if (reserved.kind !== 'ok') throw new Error('reserve failed');
    const [message] = reserved.response.body.messages;
    const startMs = Date.now();
    await api.call('POST', `/messages/${message.id}/release`, { reservation_id: message.reservation_id, delay: 1 });
    const ackMs = Date.now();
    const gotMs = await nextMessageAt(api, 5);
    return { earlyByMs: startMs + 1_000 - gotMs, latenessMs: gotMs - (ackMs + 1_000) };
  },
  async 'long-poll wake-up'(api) {
    const polling = nextMessageAt(api, 10);
    await sleep(200);
    await api.call('POST', '/messages', { messages: [{ body: 'now' }] });
    const ackMs = Date.now();
    const gotMs = await polling;
    return { earlyByMs: 0, latenessMs: Math.max(0, gotMs - ackMs) };
  },
};

/** Busy clients on another queue, so timers fire while the server has other work. */
async function backgroundLoad(server: TestServer, isRunning: () => boolean): Promise<void> {
  const api = new ProbeClient(server, 'timing-load');
  while (isRunning()) {
    await api.call('POST', '/messages', { messages: Array.from({ length: 20 }, (_, i) => ({ body: `load ${i}` })) });
    await api.call('POST', '/reservations', { n: 20, delete: true });
  }
}

/** Each sample waits about a second for its timer: 3 s a sample leaves room for a busy machine (the default 60 s would cut the long tier short). */
const TEST_TIMEOUT_MS = SAMPLES * Object.keys(MEASURES).length * 3_000 + 60_000;

describe('fault probe 3: timing under load', () => {
  const report = new ProbeReport('timing under load');
  let server: TestServer | undefined;
  afterAll(async () => {
    report.print();
    await server?.stop();
  });

  it('never early, promptly on time', async () => {
    server = await startServer();
    let isRunning = true;
    const load = Array.from({ length: 4 }, () => backgroundLoad(server!, () => isRunning));
    try {
      for (const [name, measure] of Object.entries(MEASURES)) {
        const api = new ProbeClient(server, `timing-${name.replace(/\W+/g, '-')}`);
        expect((await api.call('PUT', '', {})).kind).toBe('ok');
        const lateness: number[] = [];
        for (let sample = 0; sample < SAMPLES; sample += 1) {
          const { earlyByMs, latenessMs } = await measure(api);
          report.check(earlyByMs <= 0, `${name}: available ${earlyByMs} ms early`);
          lateness.push(latenessMs);
        }
        const p99 = percentile(lateness, 99);
        report.check(p99 <= MAX_P99_LATENESS_MS, `${name}: p99 lateness ${p99} ms`);
        report.figure(`${name} lateness`, `p50 ${percentile(lateness, 50)} ms, p99 ${p99} ms (${SAMPLES} samples)`);
      }
    } finally {
      isRunning = false;
      await Promise.all(load);
    }
    expect(report.failed).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
