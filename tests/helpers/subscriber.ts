// A real HTTP subscriber on 127.0.0.1 for push tests: answers each request with the status its
// path is mapped to (200 for any other path) and records every request it receives.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  /** Path and query string. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface TestSubscriber {
  /** The subscriber URL for `path`, e.g. http://127.0.0.1:40111/one */
  url(path: string): string;
  /** Every request received so far, in arrival order. */
  received: ReceivedRequest[];
  close(): Promise<void>;
}

/** Starts a subscriber; `statuses` maps a path (without query) to the status it answers. */
export async function startSubscriber(statuses: Record<string, number> = {}): Promise<TestSubscriber> {
  const received: ReceivedRequest[] = [];
  const sockets = new Set<Socket>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const path = req.url ?? '/';
      received.push({ method: req.method ?? '', path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const status = statuses[path.split('?')[0]] ?? 200;
      res.writeHead(status, { 'Content-Type': 'text/plain' }).end(`answered ${status}`);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path) => `http://127.0.0.1:${port}${path.startsWith('/') ? path : `/${path}`}`,
    received,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
