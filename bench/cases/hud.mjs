// Case 9: HUD load times in a large project: 10,000 queues beside one queue of 1,000,000 messages,
// first all ready, then with a tenth of them reserved. Signed in like a browser, it times
// sequential GETs of the BFF calls behind the queue list, the messages tab and the overview, and
// of the pages themselves. Each time runs to the reply's last byte over loopback, so it is the
// server's time plus well under a millisecond. Needs the HUD built (`npm run bench` builds it).
import { existsSync } from 'node:fs';
import path from 'node:path';
import { postBody } from '../lib/http-client.mjs';
import { HudClient } from '../lib/hud-client.mjs';
import { createQueues, fillQueue, holdMessages } from '../lib/load.mjs';
import { measureForeignCpu } from '../lib/machine.mjs';
import { figure } from '../lib/report.mjs';
import { ADMIN_EMAIL, ADMIN_PASSWORD, PROJECT_ID } from '../lib/server.mjs';
import { withServer } from '../lib/server-session.mjs';
import { summarize } from '../lib/stats.mjs';

/** The HUD issue's bar: each screen's data (and page) in under a second on this machine (ms). */
const LOAD_TARGET = { op: '<', value: 1_000 };
/** Untimed requests first: Next compiles nothing at run time, but the JIT and SQLite's page cache warm up. */
const WARMUP_REQUESTS = 5;
/** Queue names fall into ten groups (g0-… to g9-), so a prefix filter matches a tenth of them. */
const NAME_GROUPS = 10;
const BIG_QUEUE = 'big';
/** The BFF's page sizes (app/api/projects/**), checked against each reply. */
const QUEUES_PER_PAGE = 50;
const MESSAGES_PER_PAGE = 100;

const queueNamer = (count) => {
  const perGroup = count / NAME_GROUPS;
  return (i) => `g${Math.floor(i / perGroup)}-${String(i % perGroup).padStart(5, '0')}`;
};

/** Fills the big queue; returns the message id just before its last tenth, a cursor for a deep page. */
async function fillBigQueue(client, count) {
  const before = count * 0.9;
  const first = await fillQueue(client, BIG_QUEUE, before);
  const { text } = await client.post(BIG_QUEUE, postBody(100, 100));
  const rest = await fillQueue(client, BIG_QUEUE, count - before - 100);
  return { cursor: String(Number(JSON.parse(text).ids[0]) - 1), elapsedMs: first.elapsedMs + rest.elapsedMs };
}

/** Every screen timed, with a check on its reply so a 200 carrying the wrong data never passes. */
function screens({ queues, messages, deepQueue, prefix, cursor }) {
  const api = `/api/projects/${PROJECT_ID}`;
  const page = `/projects/${PROJECT_ID}`;
  const isHtml = (text) => text.startsWith('<!DOCTYPE html>');
  const isFullMessagePage = (body) => body.messages.length === MESSAGES_PER_PAGE;
  return {
    ready: [
      { what: 'queue list', variant: 'first page', path: `${api}/queues`, check: (b) => b.queues.length === QUEUES_PER_PAGE && b.nextAfter },
      { what: 'queue list', variant: 'deep cursor', path: `${api}/queues?after=${deepQueue}`, check: (b) => b.queues[0].name > deepQueue },
      {
        what: 'queue list',
        variant: `prefix ${prefix}`,
        path: `${api}/queues?prefix=${prefix}`,
        check: (b) => b.queues.length === QUEUES_PER_PAGE && b.queues.every((q) => q.name.startsWith(prefix)),
      },
      { what: 'messages', variant: 'first page', path: `${api}/queues/${BIG_QUEUE}/messages`, check: isFullMessagePage },
      {
        what: 'messages',
        variant: 'last tenth',
        path: `${api}/queues/${BIG_QUEUE}/messages?after=${cursor}`,
        check: (b) => isFullMessagePage(b) && Number(b.messages[0].id) > Number(cursor),
      },
      { what: 'overview', variant: `${BIG_QUEUE} queue`, path: `${api}/queues/${BIG_QUEUE}`, check: (b) => b.size === messages },
      { what: 'projects list', variant: 'totals', path: '/api/projects', check: (b) => b.projects[0].queueCount === queues + 1, hasNoTarget: true },
      { what: 'page', variant: 'queue list HTML', path: `${page}/queues`, isHtml: true, check: isHtml },
      { what: 'page', variant: 'messages tab HTML', path: `${page}/queues/${BIG_QUEUE}?tab=messages`, isHtml: true, check: isHtml },
    ],
    reserved: [
      { what: 'messages', variant: 'first page, 10% reserved', path: `${api}/queues/${BIG_QUEUE}/messages`, check: isFullMessagePage },
      {
        what: 'messages',
        variant: 'last tenth, 10% reserved',
        path: `${api}/queues/${BIG_QUEUE}/messages?after=${cursor}`,
        check: (b) => isFullMessagePage(b) && Number(b.messages[0].id) > Number(cursor),
      },
      {
        what: 'overview',
        variant: `${BIG_QUEUE} queue, 10% reserved`,
        path: `${api}/queues/${BIG_QUEUE}`,
        check: (b) => b.counts.reserved === messages / 10,
      },
    ],
  };
}

/** Sequential GETs of one screen after a warm-up; checks the first reply and summarises the rest. */
async function sampleScreen(hud, screen, samples) {
  const latencies = [];
  for (let i = 0; i < WARMUP_REQUESTS + samples; i += 1) {
    const { text, ms } = await hud.get(screen.path);
    if (i === 0 && !screen.check(screen.isHtml ? text : JSON.parse(text))) {
      throw new Error(`GET ${screen.path}: unexpected reply ${text.slice(0, 300)}`);
    }
    if (i >= WARMUP_REQUESTS) latencies.push(ms);
  }
  return summarize(latencies);
}

async function sampleScreens(hud, list, samples) {
  const results = [];
  for (const screen of list) results.push({ screen, latency: await sampleScreen(hud, screen, samples) });
  return results;
}

function rows(results) {
  return results.flatMap(({ screen, latency }) => {
    const target = screen.hasNoTarget ? undefined : LOAD_TARGET;
    return [
      figure('hud', `${screen.what} p50, ${screen.variant}`, latency.p50Ms, 'ms', target),
      figure('hud', `${screen.what} p99, ${screen.variant}`, latency.p99Ms, 'ms', target),
    ];
  });
}

export const hud = {
  name: 'hud',
  title: 'HUD load times, 10,000 queues and a 1,000,000-message queue',
  async run(context) {
    if (!existsSync(path.join(context.root, '.next/BUILD_ID'))) {
      throw new Error('the HUD is not built: run `node scripts/build.mjs` (`npm run bench` does)');
    }
    const queueCount = context.isQuick ? 1_000 : 10_000;
    const messageCount = context.isQuick ? 50_000 : 1_000_000;
    const samples = context.isQuick ? 10 : 30;
    return withServer(
      context,
      async ({ server, client }) => {
        const nameOf = queueNamer(queueCount);
        const created = await createQueues(client, queueCount, nameOf);
        const fill = await fillBigQueue(client, messageCount);
        const hudClient = new HudClient({ port: server.port });
        try {
          await hudClient.signIn(ADMIN_EMAIL, ADMIN_PASSWORD);
          const list = screens({
            queues: queueCount,
            messages: messageCount,
            deepQueue: nameOf(Math.floor(queueCount * 0.85)),
            prefix: 'g7-',
            cursor: fill.cursor,
          });
          const foreignCpu = measureForeignCpu([server.pid]);
          const ready = await sampleScreens(hudClient, list.ready, samples);
          const readyCores = foreignCpu.stop();
          await holdMessages(client, BIG_QUEUE, messageCount / 10);
          const reservedCpu = measureForeignCpu([server.pid]);
          const reserved = await sampleScreens(hudClient, list.reserved, samples);
          const reservedCores = reservedCpu.stop();
          const memory = server.memoryMb();
          const latencies = Object.fromEntries(
            [...ready, ...reserved].map(({ screen, latency }) => [`${screen.what}, ${screen.variant}`, { path: screen.path, ...latency }]),
          );
          return {
            figures: rows([...ready, ...reserved]),
            details: {
              queues: { count: created.queues, createMs: Math.round(created.elapsedMs) },
              bigQueue: { messages: messageCount, reservedLater: messageCount / 10, fillMs: Math.round(fill.elapsedMs) },
              warmupRequests: WARMUP_REQUESTS,
              samples,
              latencies,
              memoryMb: { rss: Math.round(memory.rssMb), peakRss: Math.round(memory.peakRssMb) },
            },
            disturbanceCores: Math.max(readyCores, reservedCores),
          };
        } finally {
          hudClient.close();
        }
      },
      { isHudEnabled: true },
    );
  },
};
