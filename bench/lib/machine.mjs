// Measures how much CPU other processes took while a case ran: the load generator and the server
// share two cores, so anything else running (a test suite, a build) silently lowers the figures.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/** Linux reports CPU time in these units (USER_HZ) in /proc/stat and /proc/<pid>/stat. */
const TICKS_PER_SECOND = 100;

/** CPU time (ticks) spent by the whole machine outside idle and iowait. */
function machineBusyTicks() {
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
  const [user, nice, system, , , irq, softirq, steal] = fields;
  return user + nice + system + irq + softirq + steal;
}

/** utime, stime, cutime and cstime (ticks) of a process. */
function processTicks(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // Fields after the command name, which may contain spaces; utime is the 14th field overall.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ').map(Number);
  return fields.slice(11, 15);
}

/** CPU time (ticks) of this process and its reaped children, plus the live children in `pids`. */
function ownTicks(pids) {
  const [utime, stime, cutime, cstime] = processTicks('self');
  let ticks = utime + stime + cutime + cstime;
  for (const pid of pids) {
    const [childUtime, childStime] = processTicks(pid);
    ticks += childUtime + childStime;
  }
  return ticks;
}

/**
 * Starts a measurement; `stop()` returns the cores other processes used on average meanwhile.
 * `pids` names children (a running server) that must stay alive until `stop()`; children that
 * exit and are reaped before then count as ours without being named.
 */
export function measureForeignCpu(pids = []) {
  const startMs = Date.now();
  const machineStart = machineBusyTicks();
  const ownStart = ownTicks(pids);
  return {
    stop() {
      const seconds = (Date.now() - startMs) / 1000;
      const foreignTicks = machineBusyTicks() - machineStart - (ownTicks(pids) - ownStart);
      return Math.max(0, Math.round((foreignTicks / TICKS_PER_SECOND / seconds) * 100) / 100);
    },
  };
}

/**
 * Starts a measurement of where CPU went; `stop()` returns CPU-seconds used meanwhile by the
 * processes in `pids` (say, servers), by this process (the load generator) and by everything else
 * (say, the database), and the wall-clock seconds measured. On a machine with few cores a rate
 * is mostly CPU per message, and this says whose.
 */
export function measureCpuShares(pids) {
  const startMs = performance.now();
  const machineStart = machineBusyTicks();
  const selfStart = ownTicks([]);
  const namedStart = pids.map((pid) => processTicks(pid)[0] + processTicks(pid)[1]);
  return {
    stop() {
      const self = ownTicks([]) - selfStart;
      const named = pids.reduce((sum, pid, i) => sum + processTicks(pid)[0] + processTicks(pid)[1] - namedStart[i], 0);
      const rest = machineBusyTicks() - machineStart - self - named;
      const seconds = (ticks) => Math.max(0, ticks) / TICKS_PER_SECOND;
      return { named: seconds(named), self: seconds(self), rest: seconds(rest), elapsed: (performance.now() - startMs) / 1000 };
    },
  };
}

/** Nanoseconds a thread has spent runnable but waiting for a core (the 2nd field of its schedstat). */
function runQueueWaitNs(pid, tid) {
  return Number(readFileSync(`/proc/${pid}/task/${tid}/schedstat`, 'utf8').split(' ')[1]);
}

/**
 * Starts a measurement of how long a process's main thread (the event loop) waited for a core;
 * `stop()` returns milliseconds of waiting per second, or null where the kernel does not say.
 * A reply can be ready on time and still leave late when its thread is not running.
 */
export function measureRunQueueWait(pid) {
  let startNs;
  try {
    startNs = runQueueWaitNs(pid, pid);
  } catch {
    return { stop: () => null };
  }
  const startMs = performance.now();
  return {
    stop() {
      const waitedMs = (runQueueWaitNs(pid, pid) - startNs) / 1e6;
      return Math.round((waitedMs / ((performance.now() - startMs) / 1000)) * 10) / 10;
    },
  };
}
