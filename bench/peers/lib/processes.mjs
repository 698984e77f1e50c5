// Process plumbing for the peer systems: a free loopback port, waiting for a server to accept
// connections, stopping a child by its own PID, and finding the PID of a server this run did not
// start (RabbitMQ's beam.smp), so its memory and CPU can be read from /proc.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const STOP_TIMEOUT_MS = 10_000;

/** A port on 127.0.0.1 that nothing listens on right now (the OS picks it). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Resolves once 127.0.0.1:`port` accepts a connection; rejects after `timeoutMs` or if `child` exits. */
export async function waitForPort(port, child, timeoutMs = 10_000) {
  const deadlineMs = Date.now() + timeoutMs;
  while (Date.now() < deadlineMs) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`exited (code ${child.exitCode}) before listening`);
    const isOpen = await new Promise((resolve) => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.end();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (isOpen) return;
    await sleep(20);
  }
  throw new Error(`not listening on port ${port} after ${timeoutMs} ms`);
}

/** SIGTERM to the child's own PID, SIGKILL if it has not exited within STOP_TIMEOUT_MS. */
export async function stopChild(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  process.kill(child.pid, 'SIGTERM');
  const isStopped = await Promise.race([exited.then(() => true), sleep(STOP_TIMEOUT_MS).then(() => false)]);
  if (!isStopped) {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
}

/** The PID of a running process whose name is `comm` and whose command line contains `marker`. */
export function findPid(comm, marker) {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== comm) continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(marker)) return Number(entry);
    } catch {
      // The process ended between listing and reading: not the one we want.
    }
  }
  return undefined;
}

/** Whether `pid` is a live process named `comm` (guards against a recycled or stale PID). */
export function isProcess(pid, comm) {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === comm;
  } catch {
    return false;
  }
}

/** The full path of `command` on PATH, or undefined when it is not installed. */
export function whichSync(command) {
  for (const dir of (process.env.PATH ?? '').split(':')) {
    const candidate = path.join(dir, command);
    if (dir && existsSync(candidate)) return candidate;
  }
  return undefined;
}
