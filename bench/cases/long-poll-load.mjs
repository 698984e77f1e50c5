// Long-poll wake-up latency under load (issue 10), on one server with the HUD on. Long polls wait
// on an otherwise empty queue and single posts wake them (bench/lib/long-poll-probe.mjs) in four
// phases: idle; while producers and consumers run flat out on another queue; while a signed-in
// HUD client loads pages and their data several at a time, back to back (bursts); and while it
// loads a page now and then, as someone using the HUD does. The API must stay quick under mixed
// load, and the HUD must not stall it. The HUD client runs in a process of its own, as a
// browser would: reading whole pages in the probe's process delayed the probe's own timings.
// Needs the HUD built (`npm run bench` builds it).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BenchClient, postBody, reserveBody } from '../lib/http-client.mjs';
import { startHudBurstsProcess } from '../lib/hud-bursts-process.mjs';
import { fillQueue, startLoops } from '../lib/load.mjs';
import { PROBE_CONSUMERS, startProbe } from '../lib/long-poll-probe.mjs';
import { measureCpuShares, measureForeignCpu, measureRunQueueWait } from '../lib/machine.mjs';
import { figure } from '../lib/report.mjs';
import { ADMIN_EMAIL, ADMIN_PASSWORD, PROJECT_ID, TOKEN } from '../lib/server.mjs';
import { withServer } from '../lib/server-session.mjs';
import { perSecond } from '../lib/stats.mjs';

const CASE = 'long-poll-load';
/** Untimed samples at the start of each phase: they also give the phase's load time to get going. */
const WARMUP_SAMPLES = 20;
/** The mixed load: producers posting batches of 100 bodies of 100 B, consumers reserving 100 and batch-deleting. */
const LOAD = { producers: 4, consumers: 4, batch: 100, bodyBytes: 100 };
/** Load consumers wait at most this long (s) on an empty queue, so they notice stop() soon. */
const LOAD_WAIT_SECONDS = 1;
/** HUD requests in flight at once, as a browser loading a page and its data sends them. */
const HUD_CONCURRENCY = 4;
/** Someone clicking through the HUD: a page and its data (every screen at once) this often a second. */
const HUD_IN_USE_PAGE_LOADS_PER_SECOND = 2;
/** Timed samples per phase: a p99 of 300 was its third-highest sample, and moved by 2× between runs. */
const SAMPLES = 1_000;
const PROBE_QUEUE = 'probe';
const LOAD_QUEUE = 'load';
/** The queue whose page and messages the HUD loads (its message count is set per mode). */
const BROWSED_QUEUE = 'browse';
/** The BFF's page of messages (app/api/projects/**), checked against the reply. */
const MESSAGES_PER_PAGE = 100;

/**
 * What a HUD page load fetches, with the check its reply must pass (named, as the checks run in the
 * HUD client's process: bench/lib/hud-bursts-process.mjs), so a 200 carrying the wrong data never counts.
 */
function hudScreens(browsedMessages) {
  const api = `/api/projects/${PROJECT_ID}/queues`;
  const page = `/projects/${PROJECT_ID}/queues`;
  return [
    { path: page, check: ['html'] },
    { path: `${page}/${BROWSED_QUEUE}?tab=messages`, check: ['html'] },
    { path: api, check: ['hasQueue', BROWSED_QUEUE] },
    { path: `${api}/${BROWSED_QUEUE}`, check: ['size', browsedMessages] },
    { path: `${api}/${BROWSED_QUEUE}/messages`, check: ['messages', MESSAGES_PER_PAGE] },
  ];
}

/**
 * Producers and consumers flat out on `queue`, on a client of their own so the probe's requests
 * never queue behind theirs for a socket. `stop()` resolves with what each side did.
 */
function startMixedLoad(port, queue) {
  const client = new BenchClient({ port, projectId: PROJECT_ID, token: TOKEN });
  const batch = postBody(LOAD.batch, LOAD.bodyBytes);
  const reserve = reserveBody({ n: LOAD.batch, wait: LOAD_WAIT_SECONDS });
  let consumed = 0;
  const producers = startLoops(LOAD.producers, () => client.post(queue, batch));
  const consumers = startLoops(LOAD.consumers, async () => {
    const messages = await client.reserve(queue, reserve);
    if (messages.length === 0) return;
    await client.deleteReserved(queue, messages);
    consumed += messages.length;
  });
  return {
    async stop() {
      // Both sides stop before the client closes, whichever of them failed.
      const settled = await Promise.allSettled([producers.stop(), consumers.stop()]);
      client.close();
      const failed = settled.find((outcome) => outcome.status === 'rejected');
      if (failed) throw failed.reason;
      const [produced, took] = settled.map((outcome) => outcome.value);
      const posted = produced.ops * LOAD.batch;
      return {
        produced: posted,
        producedPerSecond: perSecond(posted, produced.elapsedMs),
        consumed,
        consumedPerSecond: perSecond(consumed, took.elapsedMs),
      };
    },
  };
}

/**
 * Runs one phase: starts its background load (if any), samples the probe, and always stops the
 * load. Returns the probe's summaries, the load's report, the cores this case's processes (server,
 * HUD client, probe) and other processes used, and how long the server's event loop and the
 * probe's waited for a core (ms per second).
 */
async function phase(probe, sampling, ownPids, startLoad) {
  const load = await startLoad?.();
  const ownCpu = measureCpuShares(ownPids);
  const foreignCpu = measureForeignCpu(ownPids);
  const serverWait = measureRunQueueWait(ownPids[0]);
  const probeWait = measureRunQueueWait(process.pid);
  let probed;
  try {
    probed = await probe.sample(sampling);
  } catch (error) {
    // The probe's failure is the one to report; the load only has to stop.
    await load?.stop().catch(() => {});
    throw error;
  }
  const otherProcessesCores = foreignCpu.stop();
  const { named, self, elapsed } = ownCpu.stop();
  const ownCores = Math.round(((named + self) / elapsed) * 100) / 100;
  const runQueueWaitMsPerSecond = { server: serverWait.stop(), probe: probeWait.stop() };
  return { ...probed, load: await load?.stop(), ownCores, otherProcessesCores, runQueueWaitMsPerSecond };
}

export const longPollLoad = {
  name: CASE,
  title: 'long-poll wake-up latency idle, under mixed load, during HUD bursts and while the HUD is in use',
  async run(context) {
    if (!existsSync(path.join(context.root, '.next/BUILD_ID'))) {
      throw new Error('the HUD is not built: run `node scripts/build.mjs` (`npm run bench` does)');
    }
    const sampling = { warmup: WARMUP_SAMPLES, samples: context.isQuick ? 50 : SAMPLES, maxMs: context.isQuick ? 20_000 : 60_000 };
    const browsedMessages = context.isQuick ? 2_000 : 5_000;
    return withServer(
      context,
      async ({ server, client }) => {
        await fillQueue(client, BROWSED_QUEUE, browsedMessages);
        await client.request('PUT', `${client.base}/${LOAD_QUEUE}`, Buffer.from('{}'));
        const screens = hudScreens(browsedMessages);
        const probe = await startProbe(client, PROBE_QUEUE);
        let hud;
        try {
          // Signs in and loads every screen a few times before the idle phase (JIT, page cache).
          hud = await startHudBurstsProcess({ port: server.port, email: ADMIN_EMAIL, password: ADMIN_PASSWORD, concurrency: HUD_CONCURRENCY, screens });
          // The server and the HUD client are this case's own processes; anything else is a disturbance.
          const ownPids = [server.pid, hud.pid];
          // The first pass after setting up is dropped: the checkpoint of the browsed queue's fill
          // and the JIT still ran in it (its p99 was 0.8-1.6 ms, the next pass's 0.2-0.5 ms).
          await phase(probe, sampling, ownPids);
          const idle = await phase(probe, sampling, ownPids);
          const mixed = await phase(probe, sampling, ownPids, () => startMixedLoad(server.port, LOAD_QUEUE));
          const bursts = await phase(probe, sampling, ownPids, () => hud.run());
          // Page loads come seconds apart here: three times the samples, so that the phase spans ten or so.
          const inUseSampling = { ...sampling, samples: sampling.samples * 3 };
          const inUse = await phase(probe, inUseSampling, ownPids, () => hud.run({ pageLoadsPerSecond: HUD_IN_USE_PAGE_LOADS_PER_SECOND }));
          const toIdle = (busy) => Math.round((busy.wakeUp.p99Ms / idle.wakeUp.p99Ms) * 100) / 100;
          return {
            figures: [
              figure(CASE, 'wake-up p50, idle', idle.wakeUp.p50Ms, 'ms'),
              figure(CASE, 'wake-up p99, idle', idle.wakeUp.p99Ms, 'ms'),
              figure(CASE, 'wake-up p50, mixed load', mixed.wakeUp.p50Ms, 'ms'),
              figure(CASE, 'wake-up p99, mixed load', mixed.wakeUp.p99Ms, 'ms', { op: '<', value: 5 }),
              figure(CASE, 'mixed load: produced', mixed.load.producedPerSecond, 'msg/s'),
              figure(CASE, 'mixed load: consumed', mixed.load.consumedPerSecond, 'msg/s'),
              figure(CASE, 'wake-up p50, HUD bursts', bursts.wakeUp.p50Ms, 'ms'),
              figure(CASE, 'wake-up p99, HUD bursts', bursts.wakeUp.p99Ms, 'ms'),
              figure(CASE, 'wake-up p99 HUD bursts ÷ idle', toIdle(bursts), '×', { op: '<=', value: 2 }),
              figure(CASE, `wake-up p99, HUD in use (${HUD_IN_USE_PAGE_LOADS_PER_SECOND} page loads/s)`, inUse.wakeUp.p99Ms, 'ms'),
              figure(CASE, 'wake-up p99 HUD in use ÷ idle', toIdle(inUse), '×'),
              // On two cores, what the case's own processes ask for decides how long each waits for a core.
              figure(CASE, 'cores used by server, HUD client and probe: idle', idle.ownCores, 'cores'),
              figure(CASE, 'cores used by server, HUD client and probe: HUD bursts', bursts.ownCores, 'cores'),
              figure(CASE, 'cores used by server, HUD client and probe: HUD in use', inUse.ownCores, 'cores'),
              // Why a wake-up is late when the server answered it on time: its thread waited for a core.
              figure(CASE, 'server event loop waiting for a core, idle', idle.runQueueWaitMsPerSecond.server, 'ms/s'),
              figure(CASE, 'server event loop waiting for a core, HUD bursts', bursts.runQueueWaitMsPerSecond.server, 'ms/s'),
              figure(CASE, 'server event loop waiting for a core, HUD in use', inUse.runQueueWaitMsPerSecond.server, 'ms/s'),
            ],
            details: {
              probeConsumers: PROBE_CONSUMERS,
              load: LOAD,
              hud: { concurrency: HUD_CONCURRENCY, inUsePageLoadsPerSecond: HUD_IN_USE_PAGE_LOADS_PER_SECOND, browsedMessages, paths: screens.map((screen) => screen.path) },
              phases: { idle, mixed, bursts, inUse },
            },
            disturbanceCores: Math.max(...[idle, mixed, bursts, inUse].map((measured) => measured.otherProcessesCores)),
          };
        } finally {
          await probe.stop();
          await hud?.close();
        }
      },
      { isHudEnabled: true },
    );
  },
};
