// Starts a real Ferro server process (dist/server.js, built by `npm test` before vitest runs) on
// 127.0.0.1 with a temporary data directory, for tests that speak HTTP to it.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isPairTopology, startPgPair } from './pg-pair';

export const TEST_PROJECT_ID = '5f1e2d3c4b5a69788796a5b4';
export const TEST_TOKEN = 'ferro-test-token-0123456789';

export interface TestServer {
  /** Base URL, e.g. http://127.0.0.1:40123 */
  url: string;
  port: number;
  projectId: string;
  token: string;
  dataDir: string;
  /** The server process's id, for reading its memory and open files from /proc. */
  readonly pid: number | undefined;
  /** Process output so far, for diagnosing failures. */
  output(): string;
  /** Ends the process with SIGKILL and waits for it to exit. */
  kill(): Promise<void>;
  /** Sends `signal` (SIGTERM by default) and resolves with the exit code once the process exits. */
  terminate(signal?: NodeJS.Signals): Promise<number | null>;
  /** Starts the server again on the same data directory and port. */
  restart(): Promise<void>;
  /** Stops the process gracefully and removes the data directory. */
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string>;
  dataDir?: string;
  /** 'single' starts one process even when FERRO_TEST_TOPOLOGY asks for a pair (pg-pair.ts). */
  topology?: 'single';
}

const SERVER_ENTRY = path.resolve(__dirname, '../../dist/server.js');

export async function startServer(options: StartOptions = {}): Promise<TestServer> {
  if (isPairTopology() && options.topology !== 'single') return startPgPair(options, startServer);
  const dataDir = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'ferro-test-'));
  let port = 0;
  let child: ChildProcess | undefined;
  let log = '';

  const launch = () =>
    new Promise<void>((resolve, reject) => {
      const proc = spawn(process.execPath, [SERVER_ENTRY], {
        env: {
          ...process.env,
          NODE_ENV: 'production',
          HOST: '127.0.0.1',
          PORT: String(port),
          FERRO_HUD: '0',
          FERRO_DATA_DIR: dataDir,
          FERRO_PROJECT_ID: TEST_PROJECT_ID,
          FERRO_TOKEN: TEST_TOKEN,
          FERRO_ADMIN_EMAIL: 'admin@example.test',
          FERRO_ADMIN_PASSWORD: 'correct horse battery staple',
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      child = proc;
      const onData = (chunk: Buffer) => {
        log += chunk.toString();
        const match = /Ferro listening on http:\/\/[^:]+:(\d+)/.exec(log);
        if (match && port === 0) port = Number(match[1]);
        if (match) resolve();
      };
      proc.stdout!.on('data', onData);
      proc.stderr!.on('data', (chunk: Buffer) => {
        log += chunk.toString();
      });
      proc.once('exit', (code) => reject(new Error(`server exited with ${code} before listening:\n${log}`)));
    });

  const waitForExit = (signal: NodeJS.Signals) =>
    new Promise<void>((resolve) => {
      if (!child || child.exitCode !== null || child.signalCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill(signal);
    });

  await launch();
  const server: TestServer = {
    get url() {
      return `http://127.0.0.1:${port}`;
    },
    get port() {
      return port;
    },
    get pid() {
      return child?.pid;
    },
    projectId: TEST_PROJECT_ID,
    token: options.env?.FERRO_TOKEN ?? TEST_TOKEN,
    dataDir,
    output: () => log,
    kill: () => waitForExit('SIGKILL'),
    terminate(signal = 'SIGTERM') {
      return new Promise((resolve) => {
        if (!child || child.exitCode !== null) return resolve(child?.exitCode ?? null);
        child.once('exit', (code) => resolve(code));
        child.kill(signal);
      });
    },
    async restart() {
      await waitForExit('SIGTERM');
      log = '';
      await launch();
    },
    async stop() {
      await waitForExit('SIGTERM');
      if (!options.dataDir) rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return server;
}
