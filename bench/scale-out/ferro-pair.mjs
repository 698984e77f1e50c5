// Ferro as several instances run it: two dist/server.js processes on one PostgreSQL database, each
// on its own port, and the workload spread over both (producer or consumer i talks to instance
// i mod 2). Processes are started here and ended by their PIDs.
import { spawn } from 'node:child_process';
import http from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const PROJECT_ID = '5f1e2d3c4b5a69788796a5b4';
export const TOKEN = 'ferro-bench-token';
const READY_LINE = /Ferro listening on http:\/\/127\.0\.0\.1:(\d+)/;

/** Starts one instance on `databaseUrl`; resolves once it listens. */
export async function startInstance(root, databaseUrl) {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-bench-pg-'));
  const child = spawn(process.execPath, [path.join(root, 'dist/server.js')], {
    cwd: root,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      FERRO_HUD: '0',
      FERRO_DATA_DIR: dataDir,
      FERRO_DATABASE_URL: databaseUrl,
      FERRO_PROJECT_ID: PROJECT_ID,
      FERRO_TOKEN: TOKEN,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const port = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`instance did not start:\n${output}`)), 60_000);
    const onData = (chunk) => {
      output += chunk.toString();
      const match = READY_LINE.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => reject(new Error(`instance exited with ${code}:\n${output}`)));
  });
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  return {
    port,
    pid: child.pid,
    call: (method, urlPath, json) => call(agent, port, method, urlPath, json),
    async stop() {
      agent.destroy();
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        process.kill(child.pid, 'SIGTERM');
        await exited;
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

function call(agent, port, method, urlPath, json) {
  const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        method,
        path: `/3/projects/${PROJECT_ID}${urlPath}`,
        agent,
        headers: { Authorization: `OAuth ${TOKEN}`, ...(body ? { 'Content-Type': 'application/json', 'Content-Length': body.length } : {}) },
      },
      (res) => {
        const chunks = [];
        res.on('data', (chunk) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if (res.statusCode >= 300) reject(new Error(`${method} ${urlPath} answered ${res.statusCode}: ${text.slice(0, 200)}`));
          else resolve(text ? JSON.parse(text) : undefined);
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** Posts `total` messages in batches of `batch` from `concurrency` producers over the instances; resolves with msg/s. */
export async function ferroProduce(instances, queue, { total, batch, concurrency, body }) {
  let batches = total / batch;
  const messages = Array.from({ length: batch }, () => ({ body }));
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async (_, i) => {
    const instance = instances[i % instances.length];
    while (batches > 0) {
      batches -= 1;
      await instance.call('POST', `/queues/${queue}/messages`, { messages });
    }
  }));
  return total / ((performance.now() - startedAt) / 1000);
}

/**
 * Consumes until `total`, `batch` at a time: with `isAcked`, a reserve then one batch delete (two
 * requests, two transactions, at-least-once); without, a reserve with `delete: true` (one request,
 * one transaction: the plain client's SELECT … FOR UPDATE SKIP LOCKED + DELETE). Resolves with msg/s.
 */
export async function ferroConsume(instances, queue, { total, batch, concurrency, isAcked = false }) {
  let consumed = 0;
  let finishedAt = 0;
  const startedAt = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async (_, i) => {
    const instance = instances[i % instances.length];
    while (consumed < total) {
      const { messages } = await instance.call('POST', `/queues/${queue}/reservations`, { n: batch, wait: 1, ...(isAcked ? {} : { delete: true }) });
      if (messages.length === 0) continue;
      if (isAcked) await instance.call('DELETE', `/queues/${queue}/messages`, { ids: messages.map((m) => ({ id: m.id, reservation_id: m.reservation_id })) });
      consumed += messages.length;
      // The last message's ack ends the run; the other consumers' empty long polls do not count.
      if (consumed >= total && finishedAt === 0) finishedAt = performance.now();
    }
  }));
  return consumed / ((finishedAt - startedAt) / 1000);
}

/**
 * A consumer long-polls instance B while a producer posts one message at a time on instance A:
 * the time from A's acknowledgement of the post to B's answer, `samples` times (ms, sorted).
 */
export async function crossInstanceWakeUps(instances, queue, samples) {
  const [a, b] = instances;
  const wakeUps = [];
  for (let i = 0; i < samples; i += 1) {
    const poll = b.call('POST', `/queues/${queue}/reservations`, { n: 1, wait: 5, delete: true });
    // Let the reserve reach B and go to sleep before the post.
    await new Promise((resolve) => setTimeout(resolve, 15));
    await a.call('POST', `/queues/${queue}/messages`, { messages: [{ body: `w${i}` }] });
    const postedAt = performance.now();
    const { messages } = await poll;
    if (messages.length !== 1) throw new Error(`the long poll on B answered ${messages.length} messages`);
    wakeUps.push(performance.now() - postedAt);
  }
  return wakeUps.sort((x, y) => x - y);
}
