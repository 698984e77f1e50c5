// Starts dist/server.js as a child process on a fresh temp data dir, reads its RSS, and stops it
// (by its own PID) and removes the data dir, so every benchmark case begins from an empty store.
// The HUD stays off unless a case asks for it: Next's handler costs start-up time and memory.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PROJECT_ID = '5f1e2d3c4b5a69788796a5b4';
export const TOKEN = 'ferro-bench-token';
/** The admin the first start creates, for cases that sign in to the HUD. */
export const ADMIN_EMAIL = 'bench@localhost';
export const ADMIN_PASSWORD = 'ferro-bench-password';

const READY_LINE = /Ferro listening on http:\/\/127\.0\.0\.1:(\d+)/;
/** Covers Next's prepare() when the HUD is on (a few seconds on a cold page cache). */
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 15_000;
/** Last bytes of the server's output kept for the error message when it fails. */
const LOG_TAIL_BYTES = 4_000;

/** Resident and peak resident set size (MB) of a process, from /proc/<pid>/status. */
export function readMemoryMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/**
 * Spawns the server and resolves once it prints its listening line. `profileDir`, when given,
 * makes node write a CPU profile there on exit (--cpu-prof); `isHudEnabled` serves the HUD
 * (the caller must have built it: `node scripts/build.mjs`).
 */
export async function startServer({ root, profileDir, isHudEnabled = false } = {}) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-bench-'));
  const nodeArgs = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  const child = spawn(process.execPath, [...nodeArgs, path.join(root, 'dist/server.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      FERRO_HUD: isHudEnabled ? '1' : '0',
      FERRO_DATA_DIR: dataDir,
      FERRO_PROJECT_ID: PROJECT_ID,
      FERRO_TOKEN: TOKEN,
      FERRO_ADMIN_EMAIL: ADMIN_EMAIL,
      FERRO_ADMIN_PASSWORD: ADMIN_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let logTail = '';
  const keep = (chunk) => {
    logTail = (logTail + chunk.toString()).slice(-LOG_TAIL_BYTES);
  };
  child.stderr.on('data', keep);
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  try {
    const port = await waitForReadyLine(child, exited, keep);
    return {
      pid: child.pid,
      port,
      memoryMb: () => readMemoryMb(child.pid),
      stop: () => stopServer(child, exited, dataDir),
    };
  } catch (error) {
    await stopServer(child, exited, dataDir);
    throw new Error(`${error.message}\n--- server output ---\n${logTail}`);
  }
}

function waitForReadyLine(child, exited, keep) {
  return new Promise((resolve, reject) => {
    let stdout = '';
    const timer = setTimeout(() => reject(new Error('server did not start in time')), START_TIMEOUT_MS);
    child.stdout.on('data', (chunk) => {
      keep(chunk);
      stdout += chunk.toString();
      const match = READY_LINE.exec(stdout);
      if (!match) return;
      clearTimeout(timer);
      stdout = '';
      resolve(Number(match[1]));
    });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`server exited before listening (code ${code}, signal ${signal})`));
    });
  });
}

/** SIGTERM (the server flushes and exits), SIGKILL if it hangs, then removes the data dir. */
async function stopServer(child, exited, dataDir) {
  if (child.exitCode === null && child.signalCode === null) {
    process.kill(child.pid, 'SIGTERM');
    let timer;
    const timedOut = new Promise((resolve) => {
      timer = setTimeout(() => resolve('timeout'), STOP_TIMEOUT_MS);
    });
    if ((await Promise.race([exited, timedOut])) === 'timeout') {
      process.kill(child.pid, 'SIGKILL');
      await exited;
    }
    clearTimeout(timer);
  }
  rmSync(dataDir, { recursive: true, force: true });
}
