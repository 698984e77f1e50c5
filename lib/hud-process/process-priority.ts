// The HUD's process runs below the server on the CPU. On a machine whose cores are all busy, a
// burst of page renders then waits for the wire API instead of delaying it: the long poll a post
// wakes is answered before the next page is drawn.
// Linux schedules threads, and a new thread starts with its creator's policy and nice value. So
// every thread the process has when these run is changed, V8's helpers included (they collect the
// HUD's garbage and compile its code: a third of a core during bursts of page loads, measured),
// and the threads made later (libuv's pool) inherit it. Where a change is refused, the HUD runs
// as it is.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Nice steps below the server: at +10 a thread gets about a tenth of a contended core. */
export const HUD_NICE_STEPS = 10;

/** Lowest priority there is (highest nice value). */
const MAX_NICE = 19;

/** Lowers every thread of the calling process by `steps` nice values; returns whether it could. */
export function lowerThisProcessPriority(steps: number): boolean {
  let threadIds: number[];
  try {
    // One entry per thread, named by the kernel's id of it.
    threadIds = readdirSync('/proc/self/task').map(Number);
  } catch {
    return false;
  }
  for (const threadId of threadIds) {
    try {
      setPriority(threadId, Math.min(MAX_NICE, getPriority(threadId) + steps));
    } catch (error) {
      // A thread that ended meanwhile needs nothing; any other refusal leaves the rest as they are.
      if ((error as { info?: { code?: string } }).info?.code !== 'ESRCH') return false;
    }
  }
  return true;
}

/**
 * Moves every thread of the calling process to SCHED_IDLE (Linux; Node has no call for it, so
 * through util-linux's chrt). A nice value only shares a busy core out: a server thread that
 * wakes may still wait for the HUD's slice to end. Under SCHED_IDLE the kernel hands the core to
 * any ordinary thread as it wakes. During bursts of page loads the server's event loop waited
 * 223-226 ms per second for a core with the HUD in a thread at nice +10, and 87-99 ms with this
 * process under SCHED_IDLE (long-poll wake-up p99 1.2-2.4 ms → 0.6-1.5 ms; README). The HUD still
 * drew its pages while producers and consumers ran flat out on the same two cores (p50 74 ms,
 * against 62 ms at nice +10). Returns whether it could.
 */
export function idleSchedulingForThisProcess(): boolean {
  const chrt = spawnSync('chrt', ['--idle', '--all-tasks', '--pid', '0', String(process.pid)], { stdio: 'ignore' });
  return chrt.status === 0;
}
