// Probe 6 of the fault suite: nobody reaches what is not theirs. Another project's token, a
// revoked token and a deleted project's token fail on every wire route (and timing does not tell
// a wrong project's token from an unknown one); every BFF mutation refuses a foreign Origin;
// admin routes refuse non-admins and project routes refuse users without a grant; push never
// dials cloud metadata (a socket guard preloaded into the server proves no non-loopback
// connection is attempted); unauthenticated clients cannot flood the log or forge lines in it;
// and X-Forwarded-For does not get around the sign-in throttle.
import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../helpers/api';
import { TEST_PROJECT_ID, TEST_TOKEN, type TestServer } from '../helpers/server';
import { bffSnapshot, firstDifference } from './support/canary';
import { ADMIN_EMAIL, ADMIN_PASSWORD, BffClient, HUD_SETUP_TIMEOUT_MS, signIn, signInOrThrow } from './support/hud';
import { isLongTier, percentile, ProbeReport } from './support/report';
import { exchangeRaw } from './support/raw-http';
import { bffRoutes, wireRoutes } from './support/routes';
import { bffPath, isUnauthorized, median, STATE_CHANGING, validBffBody, wireAttempt, type BffTarget, type WireTarget } from './support/security-fixtures';
import { pollUntil, seedWireTarget, startGuardedServer, timeRequest, unknownToken, type GuardedServer } from './support/security-setup';

const TIMING_ATTEMPTS = isLongTier ? 3_000 : 300;
/**
 * Generous, and wider on a busy machine (half the faster median): a real leak, such as a slow
 * hash or a password check on one path only, costs tens of milliseconds.
 */
const timingBoundMs = (medians: number[]) => Math.max(2, Math.min(...medians) / 2);
const USER_PASSWORD = 'a user password 123';

describe('fault probe 6: security', () => {
  const report = new ProbeReport('security');
  let guarded: GuardedServer;
  let server: TestServer;
  let admin: BffClient;
  let user: BffClient;
  let a: WireTarget;
  let b: WireTarget & { token: string };
  let d: BffTarget;
  let userEmail: string;

  beforeAll(async () => {
    guarded = await startGuardedServer();
    server = guarded.server;
    admin = new BffClient(server.url, await signInOrThrow(server.url, ADMIN_EMAIL, ADMIN_PASSWORD));
    a = await seedWireTarget(server.url, TEST_PROJECT_ID, TEST_TOKEN, 'a');
    const projectB = await admin.createProject('security B');
    b = { ...(await seedWireTarget(server.url, projectB.id, projectB.token, 'b')), token: projectB.token };
    const projectD = await admin.createProject('security D');
    const dWire = await seedWireTarget(server.url, projectD.id, projectD.token, 'd');
    userEmail = `user-${Date.now()}@example.test`;
    const created = await admin.expect(201, 'POST', '/api/users', { email: userEmail, password: USER_PASSWORD });
    await admin.expect(200, 'PUT', `/api/projects/${projectD.id}/members/${created.id}`);
    user = new BffClient(server.url, await signInOrThrow(server.url, userEmail, USER_PASSWORD));
    d = { ...dWire, projectName: 'security D', tokenId: projectD.tokenId, userId: created.id };
  }, HUD_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    report.print();
    await server?.stop();
  });

  /** Every wire route, with `token` carried every way (§1.3); each must be exactly 401. */
  async function expectRefusedEverywhere(target: WireTarget, token: string, label: string): Promise<void> {
    for (const route of wireRoutes()) {
      for (const via of ['header', 'query', 'body'] as const) {
        const res = await wireAttempt(server.url, route, target, token, via);
        report.check(isUnauthorized(res), `${label}: ${route.method} ${route.path} (token in ${via}) answered ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
  }

  it("another project's token is refused on every wire route and changes nothing", async () => {
    const mark = report.failed.length;
    const control = await wireAttempt(server.url, { method: 'GET', path: '/3/projects/{project}/queues/{queue}' }, a, TEST_TOKEN);
    report.check(control.status === 200, `control: project A's token on A answered ${control.status}`);
    const before = await bffSnapshot(admin, b.projectId);
    await expectRefusedEverywhere(b, TEST_TOKEN, "A's token on B");
    const after = await bffSnapshot(admin, b.projectId);
    report.check(after === before, `project B changed: ${firstDifference(before, after)}`);
    expect(report.failed.slice(mark)).toEqual([]);
  });

  it('a revoked token fails at once on every route', async () => {
    const mark = report.failed.length;
    const created = await admin.expect(201, 'POST', `/api/projects/${TEST_PROJECT_ID}/tokens`, { name: 'to be revoked' });
    const works = await wireAttempt(server.url, { method: 'GET', path: '/3/projects/{project}/queues' }, a, created.secret);
    report.check(works.status === 200, `the new token works before revoking: ${works.status}`);
    await admin.expect(200, 'DELETE', `/api/projects/${TEST_PROJECT_ID}/tokens/${created.token.id}`);
    const first = await wireAttempt(server.url, { method: 'GET', path: '/3/projects/{project}/queues' }, a, created.secret);
    report.check(isUnauthorized(first), `the first request right after revoking answered ${first.status}`);
    const before = await bffSnapshot(admin, TEST_PROJECT_ID);
    await expectRefusedEverywhere(a, created.secret, 'revoked token');
    report.check((await bffSnapshot(admin, TEST_PROJECT_ID)) === before, 'project A changed under a revoked token');
    expect(report.failed.slice(mark)).toEqual([]);
  });

  it("a deleted project's token fails on every route", async () => {
    const mark = report.failed.length;
    const doomed = await admin.createProject('security C');
    const target = await seedWireTarget(server.url, doomed.id, doomed.token, 'c');
    await admin.expect(200, 'DELETE', `/api/projects/${doomed.id}`, { name: 'security C' });
    await expectRefusedEverywhere(target, doomed.token, "deleted project's token");
    expect(report.failed.slice(mark)).toEqual([]);
  });

  it("a wrong project's token and an unknown token cannot be told apart by time", async () => {
    const mark = report.failed.length;
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    const urlPath = `/3/projects/${b.projectId}/queues/${b.pullQueue}`;
    const unknown = unknownToken(TEST_TOKEN.length);
    const times = { wrong: [] as number[], unknown: [] as number[] };
    for (let i = 0; i < TIMING_ATTEMPTS + 50; i += 1) {
      // Interleaved in a random order, so drift in machine load falls on both alike.
      for (const kind of Math.random() < 0.5 ? (['wrong', 'unknown'] as const) : (['unknown', 'wrong'] as const)) {
        const { ms, status } = await timeRequest(agent, server.url, urlPath, kind === 'wrong' ? TEST_TOKEN : unknown);
        if (status !== 401) report.check(false, `timing: ${kind} token answered ${status}`);
        if (i >= 50) times[kind].push(ms);
      }
    }
    agent.destroy();
    const [wrong, unknownMedian] = [median(times.wrong), median(times.unknown)];
    const figure = (list: number[]) => `median ${median(list).toFixed(3)} ms, p10 ${percentile(list, 10).toFixed(3)}, p90 ${percentile(list, 90).toFixed(3)}`;
    report.figure(`wrong project's token (${TIMING_ATTEMPTS})`, figure(times.wrong));
    report.figure(`unknown token (${TIMING_ATTEMPTS})`, figure(times.unknown));
    const boundMs = timingBoundMs([wrong, unknownMedian]);
    report.figure('difference of medians', `${(wrong - unknownMedian).toFixed(3)} ms (bound ±${boundMs.toFixed(1)} ms)`);
    report.check(Math.abs(wrong - unknownMedian) < boundMs, `timing: medians differ by ${(wrong - unknownMedian).toFixed(3)} ms`);
    expect(report.failed.slice(mark)).toEqual([]);
  });

  /** What a forged or unauthorised BFF request could change: project D, the users, the project list. */
  const worldSnapshot = async () =>
    [await bffSnapshot(admin, d.projectId), (await admin.request('GET', '/api/users')).text, (await admin.request('GET', '/api/projects')).text].join('\n');

  it('every BFF mutation refuses a foreign, missing, null or forged Origin and changes nothing', async () => {
    const mark = report.failed.length;
    const own = new URL(server.url);
    const forgeries: Array<{ label: string; origin: string | null; headers?: Record<string, string> }> = [
      { label: 'another site', origin: 'http://evil.test' },
      { label: 'no Origin', origin: null },
      { label: 'Origin null', origin: 'null' },
      { label: 'forged X-Forwarded-Host', origin: 'http://evil.test', headers: { 'X-Forwarded-Host': 'evil.test' } },
      { label: 'other scheme', origin: `https://${own.host}` },
      { label: 'forged X-Forwarded-Proto', origin: `https://${own.host}`, headers: { 'X-Forwarded-Proto': 'https' } },
      { label: 'host as prefix', origin: `http://${own.host}.evil.test` },
    ];
    const control = await admin.request('POST', `/api/projects/${d.projectId}/tokens`, { json: { name: 'control' } });
    report.check(control.status === 201, `control: a same-origin mutation answered ${control.status}`);
    const before = await worldSnapshot();
    const mutations = bffRoutes().filter((route) => !route.isAuthRoute && STATE_CHANGING.has(route.method));
    for (const route of mutations) {
      for (const forgery of forgeries) {
        const res = await admin.request(route.method, bffPath(route, d), { json: validBffBody(route, d), origin: forgery.origin, headers: forgery.headers });
        report.check(res.status === 403 && res.body?.code === 'CROSS_ORIGIN', `CSRF ${forgery.label}: ${route.method} ${route.path} answered ${res.status} ${res.text.slice(0, 120)}`);
      }
    }
    const after = await worldSnapshot();
    report.check(after === before, `a forged request changed something: ${firstDifference(before, after)}`);
    report.figure('CSRF', `${mutations.length} BFF mutations × ${forgeries.length} forged origins`);
    expect(report.failed.slice(mark)).toEqual([]);
  });

  it('a non-admin is refused on every admin route and changes nothing', async () => {
    const mark = report.failed.length;
    const before = await worldSnapshot();
    const adminRoutes = bffRoutes().filter((route) => route.isAdminOnly);
    for (const route of adminRoutes) {
      const res = await user.request(route.method, bffPath(route, { ...d, projectId: b.projectId }), { json: validBffBody(route, d) });
      report.check(res.status === 403 && res.body?.code === 'ADMIN_ONLY', `non-admin: ${route.method} ${route.path} answered ${res.status} ${res.text.slice(0, 120)}`);
    }
    report.check((await worldSnapshot()) === before, 'a non-admin request changed something');
    report.figure('admin-only routes', adminRoutes.map((route) => `${route.method} ${route.path}`).join(', '));
    expect(report.failed.slice(mark)).toEqual([]);
  });

  it("a user without a grant gets 404 on every route of another project, and changes nothing", async () => {
    const mark = report.failed.length;
    const granted = await user.request('GET', `/api/projects/${d.projectId}/queues`);
    report.check(granted.status === 200, `control: the user's own project answered ${granted.status}`);
    const before = await bffSnapshot(admin, b.projectId);
    const projectRoutes = bffRoutes().filter((route) => route.path.includes('{projectId}') && !route.isAdminOnly);
    const other: BffTarget = { ...d, projectId: b.projectId, pullQueue: b.pullQueue, pushQueue: b.pushQueue, messageId: b.messageId, projectName: 'security B' };
    for (const route of projectRoutes) {
      const res = await user.request(route.method, bffPath(route, other), { json: validBffBody(route, other) });
      report.check(res.status === 404 && res.body?.code === 'PROJECT_NOT_FOUND', `no grant: ${route.method} ${route.path} answered ${res.status} ${res.text.slice(0, 120)}`);
    }
    const after = await bffSnapshot(admin, b.projectId);
    report.check(after === before, `project B changed: ${firstDifference(before, after)}`);
    expect(report.failed.slice(mark)).toEqual([]);
  });

  it('push never dials cloud metadata, and nothing but loopback is ever dialled', async () => {
    const mark = report.failed.length;
    const base = `/3/projects/${TEST_PROJECT_ID}/queues`;
    const wire = (method: string, urlPath: string, json?: unknown) =>
      sendRequest(server.url, method, urlPath, { Authorization: `OAuth ${TEST_TOKEN}`, 'Content-Type': 'application/json' }, json === undefined ? undefined : Buffer.from(JSON.stringify(json)));
    const metadata = [
      { name: 'ip', url: 'http://169.254.169.254/latest/meta-data/' },
      { name: 'by-name', url: 'http://metadata.ferro-faults.test/computeMetadata/v1/' },
      { name: 'mapped', url: 'http://[::ffff:169.254.169.254]/' },
      { name: 'mapped-by-name', url: 'http://mapped.ferro-faults.test/' },
      { name: 'decimal', url: 'http://2852039166/' },
    ];
    // The control: an address the policy allows, which the guard must see dialled (and refuse).
    const queues = { 'policy-metadata': metadata, 'policy-control': [{ name: 'control', url: 'http://192.0.2.1:9/' }] };
    const statuses: Record<string, Array<{ name: string; tries: number; status_code: number; msg?: string }>> = {};
    for (const [queue, subscribers] of Object.entries(queues)) {
      const created = await wire('PUT', `${base}/${queue}`, { queue: { type: 'multicast', push: { subscribers, retries: 0 } } });
      if (created.status === 400 && /policy/.test(created.text)) {
        statuses[queue] = subscribers.map((s) => ({ name: s.name, tries: 1, status_code: 0, msg: `refused at creation: ${created.body.msg}` }));
        continue;
      }
      const posted = await wire('POST', `${base}/${queue}/messages`, { messages: [{ body: 'push me' }] });
      const read = async () => (await wire('GET', `${base}/${queue}/messages/${posted.body?.ids?.[0]}/subscribers`)).body?.subscribers ?? [];
      statuses[queue] = await pollUntil(read, (list) => list.length === subscribers.length && list.every((s: { tries: number }) => s.tries >= 1), 30_000);
    }
    report.figure('metadata subscribers', statuses['policy-metadata'].map((s) => `${s.name}: ${s.msg}`).join('; '));
    for (const status of statuses['policy-metadata']) {
      report.check(status.status_code === 0 && /not allowed by the push policy|refused at creation/.test(status.msg ?? ''), `metadata subscriber ${status.name}: ${JSON.stringify(status)}`);
    }
    const [control] = statuses['policy-control'];
    const log = guarded.guardLog();
    // The guard saw the pusher dial the control, so it would have seen any other dial too.
    report.check(control?.status_code === 0 && log.includes('connect 192.0.2.1'), `the control subscriber was not dialled through the guard: ${JSON.stringify(control)}`);
    const dialled = log.filter((line) => line.startsWith('connect ')).map((line) => line.slice(8));
    const foreign = dialled.filter((host) => !/^(127\.|::1$|::ffff:127\.|localhost$)/.test(host));
    report.check(log.some((line) => line.startsWith('guard loaded in pid')), 'the socket guard is not loaded in the server process');
    report.check(JSON.stringify(foreign) === JSON.stringify(['192.0.2.1']), `non-loopback connections attempted: ${JSON.stringify(foreign)} (only the control's 192.0.2.1 expected)`);
    report.figure('connections seen by the guard', `${dialled.length} (${foreign.length} non-loopback: ${foreign.join(', ')}); lookups: ${log.filter((l) => l.startsWith('lookup ')).length}`);
    expect(report.failed.slice(mark)).toEqual([]);
  });

  it('unauthenticated clients cannot flood the log or forge log lines', async () => {
    const mark = report.failed.length;
    const linesBefore = server.output().split('\n').length;
    const counts = { cookies: 200, logPosts: 200, aborted: 50 };
    for (let i = 0; i < counts.cookies; i += 1) {
      await sendRequest(server.url, 'GET', '/api/projects', { Cookie: `next-auth.session-token=garbage-${i}` });
    }
    // next-auth's client-log endpoint takes a code and a message from anyone.
    for (let i = 0; i < counts.logPosts; i += 1) {
      const body = JSON.stringify({ level: 'error', code: `PROBE_CODE_${i}`, message: `x\nFORGED-LINE admin signed in from 10.0.0.${i}` });
      await sendRequest(server.url, 'POST', '/api/auth/_log', { 'Content-Type': 'application/json' }, Buffer.from(body));
    }
    // Uploads cut off mid-body: the client going away is not the server's internal error.
    const head = `POST /3/projects/${TEST_PROJECT_ID}/queues/${a.pullQueue}/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: OAuth ${TEST_TOKEN}\r\nContent-Length: 1000\r\n\r\n{"messages":`;
    for (let i = 0; i < counts.aborted; i += 1) await exchangeRaw(server.url, Buffer.from(head), 200);
    const health = await sendRequest(server.url, 'GET', '/api/projects', {});
    report.check(health.status === 401, `the server answers after the flood: ${health.status}`);
    const newLines = server.output().split('\n').slice(linesBefore - 1);
    const requests = counts.cookies + counts.logPosts + counts.aborted;
    const bytes = newLines.reduce((sum, line) => sum + Buffer.byteLength(line) + 1, 0);
    const about = (pattern: RegExp) => newLines.filter((line) => pattern.test(line));
    const forged = about(/^FORGED-LINE/);
    const stacks = about(/(\\n|^)\s+at \S+ \(/);
    report.figure(
      `log written for ${requests} unauthenticated bad requests`,
      `${newLines.length} lines, ${(bytes / requests).toFixed(0)} bytes a request; ${about(/PROBE_CODE/).length} name a client's _log code, ${forged.length} forged by a client, ${stacks.length} with a stack trace (${about(/aborted/).length} for aborted uploads)`,
    );
    // One short access line a request is fine; what a client chooses must not multiply lines.
    report.check(bytes / requests < 512, `${(bytes / requests).toFixed(0)} bytes of log a request`);
    report.check(stacks.length === 0, `${stacks.length} stack traces logged for client mistakes, e.g. ${stacks[0]?.slice(0, 200)}`);
    report.check(about(/PROBE_CODE/).length <= 5, `${about(/PROBE_CODE/).length} log lines for ${counts.logPosts} client _log posts with distinct codes (the rate limit is keyed by the client's code)`);
    report.check(forged.length === 0, `a client wrote ${forged.length} log lines of its own choosing, e.g. ${forged[0]}`);
    expect(report.failed.slice(mark)).toEqual([]);
  });

  it('a new X-Forwarded-For on each attempt does not get around the sign-in throttle', async () => {
    const mark = report.failed.length;
    const email = `throttled-${Date.now()}@example.test`;
    await admin.expect(201, 'POST', '/api/users', { email, password: USER_PASSWORD });
    const outcomes: string[] = [];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const forged = `203.0.113.${attempt}`;
      const result = await signIn(server.url, email, 'a wrong password', { 'X-Forwarded-For': forged, 'X-Real-IP': forged, Forwarded: `for=${forged}` });
      outcomes.push(/Too many/i.test(result.error ?? '') ? 'throttled' : (result.error ?? `status ${result.status}`));
    }
    const throttled = outcomes.filter((outcome) => outcome === 'throttled').length;
    report.figure('sign-in attempts from forged addresses', `${throttled} of 8 throttled (${outcomes.join(', ')})`);
    // Each wait doubles from 1 s, so however slow the machine, some of the last five land in one.
    report.check(throttled >= 1, `X-Forwarded-For bypassed the throttle: ${outcomes.join(', ')}`);
    expect(report.failed.slice(mark)).toEqual([]);
  });
  it("answers what next-auth cannot serve with the BFF's 400 and a msg, never a 500 or bare text", async () => {
    const unserved: Array<[string, string]> = [
      ['GET', 'callback/credentials'],
      ['GET', 'callback/unknown-provider'],
      ['POST', 'session'],
      ['POST', 'csrf'],
      ['POST', 'providers'],
    ];
    for (const [method, action] of unserved) {
      const res = await sendRequest(server.url, method, `/api/auth/${action}`, { Origin: server.url });
      expect({ method, action, status: res.status, body: res.body }).toEqual({
        method,
        action,
        status: 400,
        body: { code: 'BAD_REQUEST', msg: expect.stringMatching(/^Sign-in request not understood: \S/) },
      });
    }
  });
});
