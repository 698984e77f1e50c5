// Probe 5 of the fault suite: fuzzing every route of both wire API versions and of the HUD's BFF,
// with raw-socket HTTP abuse mixed in, against the real server with the HUD on. No request may
// get a 5xx or take the server down, wire errors are exactly {"msg"}, and only accepted requests
// change the fuzzed project — while a victim project, never addressed with a token of its own,
// stays byte-for-byte the same. FERRO_FAULTS_SEED replays a run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../helpers/api';
import { TEST_PROJECT_ID, TEST_TOKEN, type TestServer } from '../helpers/server';
import { bffSnapshot, firstDifference, projectRecordSnapshot, resetCanary, wireSnapshot, type Project } from './support/canary';
import { bffCase, routeCounts, wireCase, type FuzzCase, type FuzzContext } from './support/fuzz-cases';
import { isAccepted, isParserReply, judgeExchange } from './support/fuzz-judge';
import { ADMIN_EMAIL, ADMIN_PASSWORD, BffClient, HUD_SETUP_TIMEOUT_MS, signInOrThrow, startHudServer } from './support/hud';
import { Prng, runSeed } from './support/prng';
import { rawCase, rawShapeCount, SMUGGLED_PREFIX } from './support/raw-abuse';
import { exchangeRaw } from './support/raw-http';
import { isLongTier, ProbeReport } from './support/report';

const SCALE = isLongTier ? 10 : 1;
const COUNTS = { wire: 600 * SCALE, bff: 120 * SCALE, raw: 120 * SCALE };
/** How often the victim is compared in full (it is also compared at the end). */
const VICTIM_EVERY = 100;
const FUZZ_TIMEOUT_MS = isLongTier ? 1_800_000 : 240_000;

describe('fault probe 5: fuzzing', () => {
  const report = new ProbeReport('fuzzing');
  const seed = runSeed();
  let server: TestServer | undefined;
  let bff: BffClient;
  let fuzzed: Project;
  let victimId: string;
  let victimBefore: string;

  beforeAll(async () => {
    server = await startHudServer();
    bff = new BffClient(server.url, await signInOrThrow(server.url, ADMIN_EMAIL, ADMIN_PASSWORD));
    fuzzed = { id: TEST_PROJECT_ID, token: TEST_TOKEN };
    // The victim is seeded through the BFF: its own token is created but never sent.
    const victim = await bff.createProject('fuzz victim');
    victimId = victim.id;
    await bff.seedQueue(victimId, 'canary-pull', ['victim one', 'victim ✓ two', '{"v": 3}']);
    await bff.seedQueue(victimId, 'victim-only', ['v']);
    victimBefore = await bffSnapshot(bff, victimId);
  }, HUD_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    report.figure('seed (FERRO_FAULTS_SEED)', seed);
    report.print();
    await server?.stop();
  });

  it('no 5xx, no crash, wire errors are {"msg"}, rejected requests change nothing', async () => {
    const srv = server!;
    console.log(`[faults] fuzzing with FERRO_FAULTS_SEED=${seed}`);
    const rng = new Prng(seed);
    const ctx: FuzzContext = { rng, projectId: fuzzed.id, token: fuzzed.token, victimId, messageIds: [], cookie: bff.cookie, host: new URL(srv.url).host };
    ctx.messageIds = await resetCanary(srv.url, fuzzed);
    // The fuzzed project's state as its own token sees it, plus its record in the BFF (name,
    // tokens), which only BFF requests can change and so is only read again after one.
    let record = await projectRecordSnapshot(bff, fuzzed.id);
    const snapshot = async (kind: FuzzCase['kind'] = 'bff') => {
      if (kind === 'bff') record = await projectRecordSnapshot(bff, fuzzed.id);
      return `${await wireSnapshot(srv.url, fuzzed)}\n${record}`;
    };
    let baseline = await snapshot();
    const originalName = /^project (.*)$/m.exec(baseline)?.[1] ?? '';

    const kinds: Array<FuzzCase['kind']> = [...Array(COUNTS.wire).fill('wire'), ...Array(COUNTS.bff).fill('bff'), ...Array(COUNTS.raw).fill('raw')];
    for (let i = kinds.length - 1; i > 0; i -= 1) {
      const j = rng.int(0, i);
      [kinds[i], kinds[j]] = [kinds[j], kinds[i]];
    }
    const statuses = new Map<string, number>();
    const tally = { accepted: 0, resets: 0, parserReplies: 0, unanswered: 0 };
    const startMs = Date.now();

    for (const [index, kind] of kinds.entries()) {
      const fuzzCase = kind === 'wire' ? wireCase(ctx) : kind === 'bff' ? bffCase(ctx) : rawCase(ctx, index);
      const exchange = await exchangeRaw(srv.url, fuzzCase.bytes, fuzzCase.timeoutMs, fuzzCase.isHead);
      const problems = judgeExchange(fuzzCase, exchange);
      for (const reply of exchange.replies) {
        const key = `${kind} ${reply.status}`;
        statuses.set(key, (statuses.get(key) ?? 0) + 1);
        if (isParserReply(reply)) tally.parserReplies += 1;
      }
      if (exchange.replies.length === 0) tally.unanswered += 1;
      // FERRO_FAULTS_DEBUG=1 lists every case with its answer, to see what led up to a failure.
      if (process.env.FERRO_FAULTS_DEBUG) console.log(`#${index} ${exchange.replies.map((r) => r.status).join(',')} ${fuzzCase.label.slice(0, 300)}`);

      const after = await snapshot(kind);
      if (new RegExp(`^queues .*"${SMUGGLED_PREFIX}`, 'm').test(after)) problems.push('a smuggled inner request was executed');
      if (!after.startsWith('queues ')) problems.push(`the server stopped answering: ${after.slice(0, 200)}`);
      if (isAccepted(exchange)) {
        tally.accepted += 1;
        // An accepted change may start timers (delays, reservations, pushes): start again from the canary.
        if (after !== baseline) {
          tally.resets += 1;
          if (!after.includes(`project ${originalName}\n`)) await bff.request('PATCH', `/api/projects/${fuzzed.id}`, { json: { name: originalName } });
          ctx.messageIds = await resetCanary(srv.url, fuzzed);
          baseline = await snapshot();
        }
      } else if (after !== baseline) {
        problems.push(`a rejected request changed the fuzzed project:\n    ${firstDifference(baseline, after)}`);
        ctx.messageIds = await resetCanary(srv.url, fuzzed);
        baseline = await snapshot();
      }
      if ((index + 1) % VICTIM_EVERY === 0 || index === kinds.length - 1) {
        const victimNow = await bffSnapshot(bff, victimId);
        report.check(victimNow === victimBefore, `victim changed by case #${index}:\n    ${firstDifference(victimBefore, victimNow)}`);
      }
      report.check(problems.length === 0, `#${index} ${fuzzCase.label}\n    → ${exchange.replies.map((r) => r.status).join(',') || 'no reply'}: ${problems.join('; ')}`);
    }

    const health = await sendRequest(srv.url, 'GET', `/3/projects/${fuzzed.id}/queues`, { Authorization: `OAuth ${fuzzed.token}` });
    report.check(health.status === 200, `the server no longer answers after fuzzing: ${health.status}`);
    const internalErrors = srv.output().split('\n').filter((line) => /internal error/i.test(line));
    report.check(internalErrors.length === 0, `server logged ${internalErrors.length} internal errors, first: ${internalErrors[0]?.slice(0, 300)}`);
    const routes = routeCounts();
    report.figure('routes fuzzed', `${routes.wire} wire (v1 + v3), ${routes.bff} BFF, ${rawShapeCount} raw abuse shapes`);
    report.figure('cases', `${COUNTS.wire} wire, ${COUNTS.bff} BFF, ${COUNTS.raw} raw in ${((Date.now() - startMs) / 1000).toFixed(1)} s`);
    report.figure('accepted (2xx)', `${tally.accepted}, of which ${tally.resets} changed the fuzzed project (canary reset after each)`);
    report.figure('answered by the HTTP parser (bare 4xx, raw abuse)', tally.parserReplies);
    report.figure('cases left unanswered (raw abuse only)', tally.unanswered);
    report.figure('statuses', [...statuses.entries()].sort().map(([key, n]) => `${key}×${n}`).join(' '));
    expect(report.failed).toEqual([]);
  }, FUZZ_TIMEOUT_MS);
});
