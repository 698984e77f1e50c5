// A push subscriber for the benchmark: a node:http server on 127.0.0.1 that answers every push
// 200 at once and reports each arrival (body and performance.now()) to its `onPush` listener.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

export async function startSubscriber() {
  const sockets = new Set();
  const subscriber = {
    url: '',
    received: 0,
    /** Called with (body, arrivedMs) for every push; replaceable between phases. */
    onPush: () => {},
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on('data', (chunk) => chunks.push(chunk));
    req.on('end', () => {
      const arrivedMs = performance.now();
      res.writeHead(200, { 'Content-Length': '0' }).end();
      subscriber.received += 1;
      subscriber.onPush(chunks.length === 1 ? chunks[0].toString() : Buffer.concat(chunks).toString(), arrivedMs);
    });
  });
  server.keepAliveTimeout = 60_000;
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  subscriber.url = `http://127.0.0.1:${server.address().port}/push`;
  return subscriber;
}

/** Resolves once `count()` reaches `target`, polling every 2 ms; rejects after `timeoutMs`. */
export function waitForCount(count, target, timeoutMs, what) {
  const deadlineMs = performance.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const check = () => {
      if (count() >= target) return resolve(performance.now());
      if (performance.now() > deadlineMs) return reject(new Error(`${what}: ${count()} of ${target} within ${timeoutMs} ms`));
      setTimeout(check, 2);
    };
    check();
  });
}
