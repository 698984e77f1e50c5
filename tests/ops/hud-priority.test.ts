// The HUD's process runs below the server on the CPU, every thread of it, V8's helpers included
// (lib/hud-process/process-priority.ts): SCHED_IDLE, and 10 nice steps lower where that is refused.
// Page renders thus yield a busy core to the wire API. Read from /proc of a real server with the HUD on.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../helpers/api';
import type { TestServer } from '../helpers/server';
import { HUD_SETUP_TIMEOUT_MS, startHudServer } from '../faults/support/hud';

/** Linux's number for the SCHED_IDLE policy. */
const SCHED_IDLE = 5;

/** The nice value and scheduling policy of each thread of a process (fields 19 and 41 of /proc/<pid>/task/<tid>/stat). */
function schedulingByThread(pid: number): Map<number, { nice: number; policy: number }> {
  const threads = new Map<number, { nice: number; policy: number }>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    // The command name, in parentheses, may hold spaces: count fields after its closing one.
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    threads.set(Number(tid), { nice: Number(fields[16]), policy: Number(fields[38]) });
  }
  return threads;
}

/** The server's child processes (the HUD's), from /proc/<pid>/task/<tid>/children of each thread. */
function childrenOf(pid: number): number[] {
  return readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
    readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(' ').filter(Boolean).map(Number),
  );
}

describe.runIf(process.platform === 'linux')('the HUD process\'s priority', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startHudServer();
    // Next starts in its thread after the server listens: its first page says it is up.
    for (let status = 0; status !== 200; ) {
      status = (await sendRequest(server.url, 'GET', '/login', {})).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }, HUD_SETUP_TIMEOUT_MS);
  afterAll(async () => {
    await server?.stop();
  });

  it('is SCHED_IDLE and 10 nice steps below the server in every thread, and no thread of the server is lowered', () => {
    const pid = server.pid!;
    const serverThreads = [...schedulingByThread(pid).values()];
    const { nice: serverNice, policy: serverPolicy } = schedulingByThread(pid).get(pid)!;
    expect(serverPolicy).not.toBe(SCHED_IDLE);
    expect(serverThreads.every((thread) => thread.nice === serverNice && thread.policy === serverPolicy)).toBe(true);
    const children = childrenOf(pid);
    expect(children).toHaveLength(1);
    const hudThreads = [...schedulingByThread(children[0]).values()];
    // Node's own threads and V8's helpers: more than the one thread a worker would have been.
    expect(hudThreads.length).toBeGreaterThan(4);
    expect(hudThreads.every((thread) => thread.policy === SCHED_IDLE && thread.nice === Math.min(19, serverNice + 10))).toBe(true);
  });
});
