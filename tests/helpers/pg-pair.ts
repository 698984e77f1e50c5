// The "pg-pair" test topology (FERRO_TEST_TOPOLOGY=pg-pair): two Ferro instances on one fresh
// PostgreSQL database behind a round-robin TCP proxy on 127.0.0.1, so a test that talks to "the
// server" talks to both — a post lands on one instance, the reserve on the other, the delete on
// the first. The proxy hands each new connection to the next instance and then only copies bytes,
// so every wire rule (framing, malformed requests, keep-alive) is the instances' own. In this
// topology the test process's global HTTP agent opens a new connection per request, so clients
// that would keep one connection alive (the official clients) spread their requests too.
import http from 'node:http';
import net from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTestDatabase, type TestDatabase } from '../../lib/engine/postgres/test-database.test-helpers';
import type { StartOptions, TestServer } from './server';

export const isPairTopology = () => process.env.FERRO_TEST_TOPOLOGY === 'pg-pair';

export interface RoundRobinProxy {
  port: number;
  /** Connections handed to each upstream so far, in upstream order. */
  counts: number[];
  close(): Promise<void>;
}

/** A TCP proxy on 127.0.0.1 handing each connection to the next of `ports` (skipping any that refuse). */
export async function startRoundRobinProxy(ports: () => number[]): Promise<RoundRobinProxy> {
  let next = 0;
  const counts: number[] = [];
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    sockets.add(client);
    client.pause();
    let current: net.Socket | undefined;
    client.on('error', () => current?.destroy());
    client.on('close', () => {
      sockets.delete(client);
      current?.destroy();
    });
    const connect = (attemptsLeft: number) => {
      const targets = ports();
      const index = next++ % targets.length;
      const upstream = net.connect(targets[index], '127.0.0.1');
      current = upstream;
      sockets.add(upstream);
      let isConnected = false;
      upstream.once('connect', () => {
        isConnected = true;
        counts[index] = (counts[index] ?? 0) + 1;
        // pipe() ends each side when the other ends, after the bytes in flight are written.
        client.pipe(upstream).pipe(client);
        client.resume();
      });
      upstream.on('error', () => {
        // An instance that is down (a test killed it) passes the connection to the next one.
        if (!isConnected && attemptsLeft > 1 && !client.destroyed) connect(attemptsLeft - 1);
        else client.destroy();
      });
      upstream.on('close', () => sockets.delete(upstream));
    };
    connect(ports().length);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as net.AddressInfo).port,
    counts,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type StartSingle = (options: StartOptions) => Promise<TestServer>;

export interface ServerPair extends TestServer {
  instances: [TestServer, TestServer];
  database: TestDatabase;
  proxy: RoundRobinProxy;
}

/** Starts two instances on a fresh database (one after the other: the first creates the admin) and the proxy. */
export async function startPgPair(options: StartOptions, startSingle: StartSingle): Promise<ServerPair> {
  http.globalAgent = new http.Agent({ keepAlive: false });
  const database = await createTestDatabase('pair');
  const root = options.dataDir ?? mkdtempSync(path.join(tmpdir(), 'ferro-pair-'));
  const instances: TestServer[] = [];
  const proxy = await startRoundRobinProxy(() => instances.map((instance) => instance.port));
  // Subscribers acknowledge through the balancer, as they would in front of real instances.
  const env = { FERRO_PUBLIC_URL: `http://127.0.0.1:${proxy.port}`, ...options.env, FERRO_DATABASE_URL: database.url };
  const first = await startSingle({ env, dataDir: path.join(root, 'a'), topology: 'single' });
  instances.push(first);
  const second = await startSingle({ env, dataDir: path.join(root, 'b'), topology: 'single' });
  instances.push(second);
  const both = <T>(run: (instance: TestServer) => Promise<T>) => Promise.all(instances.map(run));
  return {
    instances: [first, second],
    database,
    proxy,
    get url() {
      return `http://127.0.0.1:${proxy.port}`;
    },
    get port() {
      return proxy.port;
    },
    get pid() {
      return first.pid;
    },
    projectId: first.projectId,
    token: first.token,
    dataDir: root,
    output: () => `${first.output()}\n${second.output()}`,
    kill: async () => void (await both((instance) => instance.kill())),
    terminate: async (signal) => (await both((instance) => instance.terminate(signal)))[0],
    restart: async () => void (await both((instance) => instance.restart())),
    async stop() {
      await proxy.close();
      await both((instance) => instance.stop());
      await database.drop();
      if (!options.dataDir) rmSync(root, { recursive: true, force: true });
    },
  };
}
