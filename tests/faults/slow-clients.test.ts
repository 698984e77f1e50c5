// Probe 7 of the fault suite: slow and abusive clients cannot take what others need. Idle
// keep-alive connections, slowloris heads and hundreds of held long polls at once leave an
// ordinary client's latency low; slow heads are cut off; connections past FERRO_MAX_CONNECTIONS
// are refused until others close; and a 45 MB body without a valid token is answered at once
// without being read. The long tier also waits out the idle and request timeouts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../helpers/api';
import { startServer, type TestServer } from '../helpers/server';
import {
  closeAll,
  measureLatency,
  openIdle,
  openLongPoll,
  openSlowBody,
  openSlowloris,
  rssMb,
  serverPid,
  streamLargeBody,
  tryConnection,
  waitFor,
  type HeldSocket,
  type LongPoll,
} from './support/connections';
import { isLongTier, percentile, ProbeReport } from './support/report';

const CAP = 1_000;
const COUNTS = { idle: 200, slowloris: 200, longPolls: 500 };
const WAIT_S = 30;
/** Generous for a busy 2-core machine; the real figure is reported. */
const P99_BOUND_MS = 250;
const HEADERS_TIMEOUT_BOUND_MS = 25_000;
const LARGE_BODY_BYTES = 45 * 1024 * 1024;

describe('fault probe 7: slow and abusive clients', () => {
  const report = new ProbeReport('slow and abusive clients');
  let server: TestServer;
  let pid: number;
  let base: string;
  const held = { idle: [] as HeldSocket[], slowloris: [] as HeldSocket[], slowBody: [] as HeldSocket[] };
  const stats = (list: number[]) => `p50 ${percentile(list, 50).toFixed(1)} ms, p99 ${percentile(list, 99).toFixed(1)} ms, max ${Math.max(...list).toFixed(1)} ms (${list.length} requests)`;
  const get = (path: string) => `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: OAuth ${server.token}\r\n\r\n`;
  const ordinary = () => [
    { method: 'GET', path: `${base}/slow-measure` },
    { method: 'POST', path: `${base}/slow-measure/messages`, body: '{"messages":[{"body":"m"}]}' },
    { method: 'POST', path: `${base}/slow-measure/reservations`, body: '{"n":1}' },
  ];

  beforeAll(async () => {
    server = await startServer({ env: { FERRO_MAX_CONNECTIONS: String(CAP) } });
    pid = server.pid ?? serverPid(server.dataDir);
    base = `/3/projects/${server.projectId}/queues`;
    for (const queue of ['slow-poll', 'slow-measure']) {
      const res = await sendRequest(server.url, 'PUT', `${base}/${queue}`, { Authorization: `OAuth ${server.token}` }, Buffer.from('{}'));
      if (res.status !== 200) throw new Error(`creating ${queue} answered ${res.status}`);
    }
  });

  afterAll(async () => {
    closeAll([...held.idle, ...held.slowloris, ...held.slowBody]);
    report.print();
    await server?.stop();
  });

  it(`${COUNTS.idle} idle, ${COUNTS.slowloris} slowloris and ${COUNTS.longPolls} long polls leave other requests fast`, async () => {
    const mark = report.failed.length;
    held.idle = Array.from({ length: COUNTS.idle }, () => openIdle(server.port, get(`${base}/slow-measure`)));
    await waitFor(held.idle, (h) => h.received.includes('\r\n\r\n'), 20_000);
    held.slowloris = Array.from({ length: COUNTS.slowloris }, () => openSlowloris(server.port, `${base}/slow-measure`));
    if (isLongTier) {
      const head = `POST ${base}/slow-measure/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: OAuth ${server.token}\r\nContent-Length: 100000\r\n\r\n`;
      held.slowBody = Array.from({ length: 5 }, () => openSlowBody(server.port, head));
    }
    const polls: LongPoll[] = Array.from({ length: COUNTS.longPolls }, () => openLongPoll(server.url, `${base}/slow-poll/reservations`, server.token, WAIT_S));
    const measuring = measureLatency(server.url, ordinary(), server.token);
    // Measured for as long as the long polls are held: until the last one is answered.
    const deadlineMs = Date.now() + (WAIT_S + 15) * 1_000;
    while (Date.now() < deadlineMs && polls.some((poll) => poll.endedAtMs === undefined)) await new Promise((resolve) => setTimeout(resolve, 200));
    await measuring.stop();

    report.figure('latency of ordinary requests under load', stats(measuring.latencies));
    report.check(percentile(measuring.latencies, 99) < P99_BOUND_MS, `p99 ${percentile(measuring.latencies, 99).toFixed(1)} ms is over ${P99_BOUND_MS} ms`);
    report.checkAll(measuring.latencies.length, measuring.failures);

    const pollFailures = polls
      .filter((poll) => poll.status !== 200 || poll.body !== '{"messages":[]}' || poll.endedAtMs! - poll.startedAtMs < (WAIT_S - 1) * 1_000)
      .map((poll) => `long poll: ${poll.status ?? poll.error} ${poll.body} after ${(poll.endedAtMs ?? NaN) - poll.startedAtMs} ms`);
    report.checkAll(polls.length, pollFailures);
    const pollMs = polls.map((poll) => (poll.endedAtMs ?? NaN) - poll.startedAtMs);
    report.figure('long polls held', `${polls.length - pollFailures.length} of ${polls.length} answered {"messages":[]} after the full wait (${Math.min(...pollMs)}–${Math.max(...pollMs)} ms)`);

    const lifetimes = held.slowloris.map((h) => (h.closedAtMs ?? Infinity) - h.openedAtMs);
    report.checkAll(
      lifetimes.length,
      lifetimes.filter((ms) => ms > HEADERS_TIMEOUT_BOUND_MS).map((ms) => `a slowloris connection lived ${ms} ms (bound ${HEADERS_TIMEOUT_BOUND_MS})`),
    );
    const answers = new Set(held.slowloris.map((h) => h.received.split('\r\n')[0] || '(nothing)'));
    report.figure('slowloris closed by the server after', `${Math.min(...lifetimes)}–${Math.max(...lifetimes)} ms, median ${percentile(lifetimes, 50)} ms; sent back: ${[...answers].join(' | ')}`);

    const idleClosedEarly = held.idle.filter((h) => h.closedAtMs !== undefined && h.closedAtMs - h.openedAtMs < 60_000);
    report.checkAll(held.idle.length, idleClosedEarly.map((h) => `an idle keep-alive connection was closed after ${h.closedAtMs! - h.openedAtMs} ms`));
    report.figure('idle keep-alive connections still open', `${held.idle.filter((h) => h.closedAtMs === undefined).length} of ${held.idle.length}`);
    expect(report.failed.slice(mark)).toEqual([]);
  }, (WAIT_S + 60) * 1_000);

  it(`connections past FERRO_MAX_CONNECTIONS=${CAP} are refused, and a client gets through once others close`, async () => {
    const mark = report.failed.length;
    const openNow = () => [...held.idle, ...held.slowBody].filter((h) => h.closedAtMs === undefined).length;
    const extra: HeldSocket[] = [];
    let dropped = 0;
    for (let batch = 0; dropped < 20 && extra.length + dropped < CAP + 100; batch += 1) {
      const results = await Promise.all(Array.from({ length: 25 }, () => tryConnection(server.port, get(`${base}/slow-measure`))));
      for (const { outcome, held: socket } of results) {
        if (outcome === 'answered') extra.push(socket);
        else dropped += 1;
        if (outcome === 'silent') report.check(false, 'a connection past the cap neither answered nor closed within 5 s');
      }
    }
    const heldAtCap = openNow() + extra.length;
    report.figure('connection cap', `${heldAtCap} connections held (${openNow()} from before + ${extra.length} new), then ${dropped} refused`);
    report.check(dropped > 0, `no connection was refused with ${heldAtCap} open and a cap of ${CAP}`);
    // The server counts every connection it holds; ours are all of them, give or take a few it has
    // not yet noticed closing (the long polls' and the measuring client's).
    report.check(heldAtCap >= CAP - 20 && heldAtCap <= CAP, `the server held ${heldAtCap} connections, not about ${CAP}, before refusing`);

    const atCap = await tryConnection(server.port, get(`${base}/slow-measure`));
    report.check(atCap.outcome === 'dropped', `a new client at the cap was ${atCap.outcome}, not refused`);
    closeAll(extra.splice(0, 50));
    const startMs = Date.now();
    let gotThrough = false;
    while (!gotThrough && Date.now() - startMs < 10_000) {
      const attempt = await tryConnection(server.port, get(`${base}/slow-measure`));
      gotThrough = attempt.outcome === 'answered' && attempt.held.received.startsWith('HTTP/1.1 200');
      closeAll([attempt.held]);
    }
    report.check(gotThrough, 'after 50 connections closed, a new client still could not get through');
    report.figure('a new client got through after others closed, within', `${Date.now() - startMs} ms`);
    closeAll(extra);
    expect(report.failed.slice(mark)).toEqual([]);
  }, 120_000);

  it('a 45 MB POST without a valid token is answered 401 at once, without the server reading it', async () => {
    const mark = report.failed.length;
    const rssBefore = rssMb(pid);
    const measuring = measureLatency(server.url, ordinary(), server.token);
    const results: Array<{ label: string; status: number; ending: string; msToAnswer: number; bytesSent: number; rss: number }> = [];
    for (const [label, auth] of [['no token', ''], ['wrong token', 'Authorization: OAuth wrong-token-00000000\r\n']] as const) {
      for (let i = 0; i < 6; i += 1) {
        const head = `POST ${base}/slow-measure/messages HTTP/1.1\r\nHost: 127.0.0.1\r\n${auth}Content-Type: application/json\r\nContent-Length: ${LARGE_BODY_BYTES}\r\n\r\n`;
        results.push({ label, ...(await streamLargeBody(server.port, head, LARGE_BODY_BYTES)), rss: rssMb(pid) });
      }
    }
    await measuring.stop();
    for (const r of results) {
      // A reset instead of the 401 means the server closed with unread body bytes instead of lingering.
      report.check(r.status === 401 && r.msToAnswer < 1_000, `45 MB POST with ${r.label}: ${r.status || r.ending} after ${r.msToAnswer} ms`);
    }
    const growthMb = Math.max(...results.map((r) => r.rss)) - rssBefore;
    // Dropping a body still reads it: Node allocates a fresh buffer per socket read, and V8 frees
    // them only when their total reaches a few tens of MB, so RSS rises once by about 30 MB and
    // then stays flat. Reading a body whole (as before the fix: 97 → 601 MB over 4 POSTs) would
    // cost more than one body's size, which is the bound here; so would a leak of 1.3 MB or more
    // per POST over the twelve. When the one rise comes depends on when V8 collects: after the
    // 3rd POST alone, after the 5th or the 9th under the whole suite, so no bound is set on
    // when it comes (a check that RSS was flat from the 8th on failed for that reason).
    const bodyMb = LARGE_BODY_BYTES / 1024 / 1024;
    report.check(growthMb < bodyMb, `server RSS grew ${growthMb.toFixed(1)} MB over 12 large unauthenticated POSTs, not less than one body (${bodyMb} MB)`);
    report.figure('45 MB POSTs answered after', results.map((r) => `${r.status || r.ending} in ${r.msToAnswer} ms (${r.label}, ${(r.bytesSent / 1024 / 1024).toFixed(1)} MB sent)`).join(', '));
    report.figure('server RSS', `${rssBefore.toFixed(1)} MB before, ${Math.max(...results.map((r) => r.rss)).toFixed(1)} MB at most after (+${growthMb.toFixed(1)} MB)`);
    // Reported, not judged: too few requests fit in these few hundred ms for a percentile to mean much.
    report.figure('latency of ordinary requests meanwhile', stats(measuring.latencies));
    expect(report.failed.slice(mark)).toEqual([]);
  });

  it.runIf(isLongTier)('idle keep-alive connections close after about 65 s, and a 1-byte-per-second body is cut off', async () => {
    const mark = report.failed.length;
    await waitFor([...held.idle, ...held.slowBody], () => false, 90_000);
    const lifetimes = (list: HeldSocket[]) => list.map((h) => (h.closedAtMs ?? Infinity) - h.openedAtMs);
    const idle = lifetimes(held.idle);
    const slow = lifetimes(held.slowBody);
    report.checkAll(idle.length, idle.filter((ms) => ms < 60_000 || ms > 75_000).map((ms) => `an idle connection lived ${ms} ms, not about 65 s`));
    report.checkAll(slow.length, slow.filter((ms) => ms > 75_000).map((ms) => `a 1-byte-per-second body was held ${ms} ms`));
    report.figure('idle connections closed after', `${Math.min(...idle)}–${Math.max(...idle)} ms`);
    report.figure('1-byte-per-second bodies cut off after', `${Math.min(...slow)}–${Math.max(...slow)} ms`);
    expect(report.failed.slice(mark)).toEqual([]);
  }, 120_000);
});
