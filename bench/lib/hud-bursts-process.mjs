// A signed-in HUD client loading pages, in a process of its own: a browser never shares an event
// loop with the API's clients, and the replies it reads (whole pages) would otherwise delay the
// very timings a case takes of the API. Started by startHudBurstsProcess; the child signs in,
// warms every screen, then loads them on 'start' until 'stop': back to back (bursts), or paced as
// a user clicking through the HUD would.
import { fork } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { HudClient } from './hud-client.mjs';
import { startLoops } from './load.mjs';
import { perSecond, summarize } from './stats.mjs';

/** Untimed GETs of each screen before any phase: the JIT and SQLite's page cache warm up. */
const WARMUP_REQUESTS = 3;

/**
 * Starts the child and resolves once it is signed in and warm. `screens` are `{ path, check }`
 * with `check` a [name, argument] pair from CHECKS (functions cannot cross to the child). `run()`
 * starts a phase of bursts (`concurrency` requests always in flight), `run({ pageLoadsPerSecond })`
 * one of paced page loads; either resolves with its `stop()`, which resolves with the phase's
 * report. `close()` ends the child. `pid` is the child's, for the CPU it uses.
 */
export async function startHudBurstsProcess({ port, email, password, concurrency, screens }) {
  const child = fork(fileURLToPath(import.meta.url), [], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const replies = [];
  let exited;
  const exit = new Promise((resolve) => child.once('exit', (code) => resolve((exited = code ?? 1))));
  child.on('message', (message) => replies.shift()?.(message));
  const ask = (message) =>
    new Promise((resolve, reject) => {
      if (exited !== undefined) return reject(new Error(`the HUD client process exited (${exited})`));
      replies.push((reply) => (reply.error ? reject(new Error(reply.error)) : resolve(reply)));
      child.send(message);
      void exit.then((code) => reject(new Error(`the HUD client process exited (${code})`)));
    });
  const close = async () => {
    if (exited === undefined) child.kill();
    await exit;
  };
  await ask({ command: 'prepare', port, email, password, concurrency, screens }).catch(async (error) => {
    await close();
    throw error;
  });
  return {
    pid: child.pid,
    async run({ pageLoadsPerSecond } = {}) {
      await ask({ command: 'start', pageLoadsPerSecond });
      return { stop: async () => (await ask({ command: 'stop' })).report };
    },
    close,
  };
}

/** Checks a reply must pass, by name, so that a 200 carrying the wrong data never counts. */
const CHECKS = {
  html: () => (text) => text.startsWith('<!DOCTYPE html>'),
  hasQueue: (name) => (text) => JSON.parse(text).queues.some((queue) => queue.name === name),
  size: (size) => (text) => JSON.parse(text).size === size,
  messages: (count) => (text) => JSON.parse(text).messages.length === count,
};

/**
 * Loads a page `perSecond` times a second, as a browser does: every part of it at once. A tick
 * that finds the last load still running is skipped, as a user waits for a page before the next
 * click. `stop()` waits for the load in flight and resolves with the loads done and the time.
 */
function startPageLoads(perSecond, loadPage) {
  const startMs = performance.now();
  let loads = 0;
  let failure;
  let inFlight;
  const tick = () => {
    if (inFlight) return;
    inFlight = loadPage()
      .then(() => (loads += 1), (error) => (failure ??= error))
      .finally(() => (inFlight = undefined));
  };
  const timer = setInterval(tick, 1000 / perSecond);
  tick();
  return {
    async stop() {
      clearInterval(timer);
      await inFlight;
      if (failure) throw failure;
      return { ops: loads, elapsedMs: performance.now() - startMs };
    },
  };
}

/** The child: answers each command with one message. */
function serveCommands() {
  let hud;
  let concurrency;
  let screens;
  let loops;
  let latencies;
  /** Requests per op of the running phase: 1 in bursts, every screen per paced page load. */
  let requestsPerOp;
  const handlers = {
    async prepare({ port, email, password, concurrency: inFlight, screens: wanted }) {
      concurrency = inFlight;
      hud = new HudClient({ port, maxSockets: concurrency });
      screens = wanted.map(({ path, check: [name, argument] }) => ({ path, check: CHECKS[name](argument) }));
      await hud.signIn(email, password);
      for (const screen of screens) {
        for (let i = 0; i < WARMUP_REQUESTS; i += 1) {
          const { text } = await hud.get(screen.path);
          if (i === 0 && !screen.check(text)) throw new Error(`GET ${screen.path}: unexpected reply ${text.slice(0, 300)}`);
        }
      }
      return {};
    },
    async start({ pageLoadsPerSecond }) {
      latencies = [];
      const load = async (screen) => latencies.push((await hud.get(screen.path)).ms);
      if (pageLoadsPerSecond) {
        requestsPerOp = screens.length;
        loops = startPageLoads(pageLoadsPerSecond, () => Promise.all(screens.map(load)));
        return {};
      }
      let next = 0;
      requestsPerOp = 1;
      loops = startLoops(concurrency, () => load(screens[next++ % screens.length]));
      return {};
    },
    async stop() {
      const { ops, elapsedMs } = await loops.stop();
      const requests = ops * requestsPerOp;
      const pageLoads = Math.floor(requests / screens.length);
      return { report: { requests, pageLoads, requestsPerSecond: perSecond(requests, elapsedMs), latency: summarize(latencies) } };
    },
  };
  process.on('message', ({ command, ...args }) => {
    handlers[command](args).then(
      (reply) => process.send(reply),
      (error) => process.send({ error: error.stack ?? String(error) }),
    );
  });
  process.on('disconnect', () => {
    hud?.close();
    process.exit(0);
  });
}

if (process.send && process.argv[1] === fileURLToPath(import.meta.url)) serveCommands();
