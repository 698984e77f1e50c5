// The HUD's thread runs 10 nice steps below the rest of the server (lib/hud-thread/thread-priority.ts),
// so page renders yield a busy core to the wire API: read from /proc of a real server with the HUD on.
import { readFileSync, readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../helpers/api';
import type { TestServer } from '../helpers/server';
import { HUD_SETUP_TIMEOUT_MS, startHudServer } from '../faults/support/hud';

/** The nice value of each thread of a process, by thread id (field 19 of /proc/<pid>/task/<tid>/stat). */
function niceByThread(pid: number): Map<number, number> {
  const nice = new Map<number, number>();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    // The command name, in parentheses, may hold spaces: count fields after its closing one.
    const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    nice.set(Number(tid), Number(fields[16]));
  }
  return nice;
}

describe.runIf(process.platform === 'linux')('the HUD thread\'s priority', () => {
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

  it('is 10 nice steps below the main thread, and only that thread is lowered', () => {
    const pid = server.pid!;
    const nice = niceByThread(pid);
    const mainNice = nice.get(pid)!;
    const lowered = [...nice].filter(([, value]) => value !== mainNice);
    expect(lowered).toHaveLength(1);
    expect(lowered[0][1]).toBe(Math.min(19, mainNice + 10));
  });
});
