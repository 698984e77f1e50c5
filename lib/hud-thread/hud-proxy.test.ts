// The HUD proxy against a real HTTP server on a Unix socket (standing in for Next in its thread)
// and raw sockets on 127.0.0.1, so the framing on both sides is Node's own.
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createHudProxy, type HudProxy } from './hud-proxy';

interface Seen {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A stand-in HUD on a Unix socket that records each request and answers with its body's length. */
async function startHud(dir: string): Promise<{ socketPath: string; seen: Seen[] }> {
  const socketPath = path.join(dir, 'hud.sock');
  const seen: Seen[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers, body });
      res.writeHead(200, { 'Content-Type': 'text/plain', 'X-Hud': 'yes', 'Keep-Alive': 'timeout=77' });
      res.end(`got ${body.length}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  cleanups.push(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return { socketPath, seen };
}

async function startProxy(socketPath: string): Promise<{ port: number; proxy: HudProxy }> {
  const proxy = createHudProxy(socketPath);
  const server = http.createServer((req, res) => proxy.handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => {
    proxy.close();
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });
  return { port: (server.address() as net.AddressInfo).port, proxy };
}

/** Writes `raw` on one connection and collects what comes back until `answers` replies have ended. */
function exchange(port: number, raw: string, answers: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => socket.write(raw));
    let received = '';
    socket.on('data', (chunk: Buffer) => {
      received += chunk.toString('utf8');
      if (received.match(/got \d+/g)?.length === answers) {
        socket.destroy();
        resolve(received);
      }
    });
    socket.on('error', reject);
    socket.on('close', () => resolve(received));
  });
}

function tempDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'ferro-hud-proxy-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe('HUD proxy', () => {
  it('passes a GET whose body comes in chunks, and the next request on the connection still works', async () => {
    const hud = await startHud(tempDir());
    const { port } = await startProxy(hud.socketPath);
    const chunked = 'GET /api/server HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n3\r\nabc\r\n0\r\n\r\n';
    const plain = 'GET /projects HTTP/1.1\r\nHost: x\r\n\r\n';
    const received = await exchange(port, chunked + plain, 2);
    expect(received.match(/HTTP\/1\.1 200/g)).toHaveLength(2);
    expect(hud.seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['GET', '/api/server', 'helloabc'],
      ['GET', '/projects', ''],
    ]);
  });

  it('keeps connection headers to each hop and passes the rest both ways', async () => {
    const hud = await startHud(tempDir());
    const { port } = await startProxy(hud.socketPath);
    const received = await exchange(port, 'POST /api/x HTTP/1.1\r\nHost: x\r\nConnection: keep-alive, X-Secret\r\nKeep-Alive: timeout=99\r\nCookie: a=b\r\nContent-Length: 2\r\n\r\nhi', 1);
    expect(received).toMatch(/\r\nX-Hud: yes\r\n/i);
    expect(received).not.toMatch(/timeout=77/);
    expect(hud.seen[0].headers.cookie).toBe('a=b');
    expect(hud.seen[0].headers['keep-alive']).toBeUndefined();
    expect(hud.seen[0].body).toBe('hi');
  });

  it('sends a GET again on a new connection when the pooled one closes under it', async () => {
    const dir = tempDir();
    const socketPath = path.join(dir, 'closing.sock');
    // Answers the first request of each connection and drops the connection at the second, as a
    // server closing an idle connection just as a request arrives on it does.
    const served = new WeakMap<net.Socket, number>();
    const hud = http.createServer((req, res) => {
      const count = (served.get(req.socket) ?? 0) + 1;
      served.set(req.socket, count);
      if (count > 1) return req.socket.destroy();
      res.end(`got ${req.url}`);
    });
    await new Promise<void>((resolve) => hud.listen(socketPath, resolve));
    cleanups.push(() => new Promise<void>((resolve) => hud.close(() => resolve())));
    const { port } = await startProxy(socketPath);
    for (const url of ['/projects', '/_next/static/chunks/app.js']) {
      const answer = await fetch(`http://127.0.0.1:${port}${url}`);
      expect([answer.status, await answer.text()]).toEqual([200, `got ${url}`]);
    }
    // A POST is never sent twice: it gets the 502.
    const post = await fetch(`http://127.0.0.1:${port}/api/x`, { method: 'POST', body: 'hi' });
    expect(post.status).toBe(502);
  });

  it('answers 502 with a {"msg"} when the HUD is not there', async () => {
    const { port } = await startProxy(path.join(tempDir(), 'absent.sock'));
    const answer = await fetch(`http://127.0.0.1:${port}/projects`);
    expect(answer.status).toBe(502);
    expect(await answer.json()).toEqual({ msg: 'The HUD is not answering; try again shortly' });
  });
});
