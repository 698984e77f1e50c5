// Probe 8 of the fault suite: soak. A mixed load at half the measured peak runs for ten minutes
// (long tier; the short tier runs it for 20 s as a smoke check) while the server's memory and
// open file descriptors are sampled: after warm-up both must level off, not climb.
import { readdirSync, readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ProbeClient, sleep } from './support/client';
import { ProbeReport, isLongTier } from './support/report';

const DURATION_MS = isLongTier ? 10 * 60_000 : 20_000;
const SAMPLE_EVERY_MS = isLongTier ? 10_000 : 2_000;
/** The soak, plus starting the server and measuring the peak (the default 60 s would cut the long tier short). */
const TEST_TIMEOUT_MS = DURATION_MS + 120_000;
const WORKERS = 4;
/** Upper bounds on growth after warm-up, per minute: well above noise, far below a leak. */
const MAX_RSS_SLOPE_MB_PER_MIN = 2;
const MAX_FD_SLOPE_PER_MIN = 1;

function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.split(/\s+/)[1] ?? 0) / 1024;
}

const openFiles = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

/** Least-squares slope of y over x (per unit of x). */
function slope(points: Array<[number, number]>): number {
  const n = points.length;
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  const variance = points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
  return variance === 0 ? 0 : covariance / variance;
}

/** Producer and consumer rounds for `durationMs` at about `messagesPerSecond` per worker pair. */
async function mixedLoad(server: TestServer, messagesPerSecond: number, durationMs: number, errors: string[]): Promise<number> {
  const api = new ProbeClient(server, 'soak');
  let moved = 0;
  const deadlineMs = Date.now() + durationMs;
  while (Date.now() < deadlineMs) {
    const roundStartMs = Date.now();
    const posted = await api.call('POST', '/messages', { messages: Array.from({ length: 20 }, (_, i) => ({ body: `soak ${i}` })) });
    const taken = await api.call('POST', '/reservations', { n: 20, delete: true });
    for (const outcome of [posted, taken]) if (outcome.kind !== 'ok') errors.push(JSON.stringify(outcome).slice(0, 200));
    if (taken.kind === 'ok') moved += taken.response.body.messages.length;
    const roundMs = (20 / messagesPerSecond) * 1000;
    await sleep(Math.max(0, roundStartMs + roundMs - Date.now()));
  }
  return moved;
}

describe('fault probe 8: soak', () => {
  const report = new ProbeReport(`soak (${Math.round(DURATION_MS / 1000)} s)`);
  let server: TestServer | undefined;
  afterAll(async () => {
    report.print();
    await server?.stop();
  });

  it('memory and open files level off under a steady mixed load', async () => {
    server = await startServer();
    const pid = server.pid!;
    const errors: string[] = [];
    // Peak: the same rounds without pauses, briefly; the soak then runs at half of it.
    const peakMoved = await Promise.all(Array.from({ length: WORKERS }, () => mixedLoad(server!, Infinity, 5_000, errors)));
    const peakPerWorker = peakMoved.reduce((a, b) => a + b, 0) / WORKERS / 5;
    const rate = Math.max(10, peakPerWorker / 2);

    const samples: Array<{ atMin: number; rss: number; fds: number }> = [];
    const startMs = Date.now();
    const load = Promise.all(Array.from({ length: WORKERS }, () => mixedLoad(server!, rate, DURATION_MS, errors)));
    while (Date.now() - startMs < DURATION_MS) {
      await sleep(SAMPLE_EVERY_MS);
      samples.push({ atMin: (Date.now() - startMs) / 60_000, rss: rssMb(pid), fds: openFiles(pid) });
    }
    const moved = (await load).reduce((a, b) => a + b, 0);

    // The first half is warm-up (caches, JIT, SQLite's page cache filling); judge the second.
    const settled = samples.slice(Math.floor(samples.length / 2));
    const rssSlope = slope(settled.map((s) => [s.atMin, s.rss]));
    const fdSlope = slope(settled.map((s) => [s.atMin, s.fds]));
    report.checkAll(moved, errors.slice(0, 20).map((error) => `a request failed: ${error}`));
    if (isLongTier) {
      report.check(rssSlope < MAX_RSS_SLOPE_MB_PER_MIN, `RSS still climbs ${rssSlope.toFixed(2)} MB/min`);
      report.check(fdSlope < MAX_FD_SLOPE_PER_MIN, `open files still climb ${fdSlope.toFixed(2)}/min`);
    }
    report.figure('rate', `${Math.round(rate * WORKERS)} msg/s (half the measured peak of ${Math.round(peakPerWorker * WORKERS)})`);
    report.figure('messages moved', moved);
    report.figure('RSS', `${samples[0]?.rss.toFixed(0)} → ${samples.at(-1)?.rss.toFixed(0)} MB; slope after warm-up ${rssSlope.toFixed(2)} MB/min`);
    report.figure('open files', `${samples[0]?.fds} → ${samples.at(-1)?.fds}; slope after warm-up ${fdSlope.toFixed(2)}/min`);
    expect(report.failed).toEqual([]);
  }, TEST_TIMEOUT_MS);
});
