// SIGTERM ends the server gracefully: long polls are answered at once with what they find, a
// push attempt in flight finishes and is recorded, every acknowledged write survives, and the
// process exits 0. A second signal ends it at once.
import http from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer | undefined;
let subscriber: http.Server | undefined;
afterEach(async () => {
  await server?.stop();
  subscriber?.close();
});

/** A subscriber that answers 200 after `delayMs`, recording the bodies it was pushed. */
async function slowSubscriber(delayMs: number, received: string[]): Promise<string> {
  subscriber = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => setTimeout(() => {
      received.push(body);
      res.writeHead(200).end('ok');
    }, delayMs));
  });
  await new Promise<void>((resolve) => subscriber!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(subscriber.address() as { port: number }).port}/`;
}

describe('graceful shutdown', () => {
  it('answers long polls, finishes a push in flight, keeps every acknowledged write, exits 0', async () => {
    server = await startServer();
    const api = new ApiClient(() => server!);
    await api.createQueueOrThrow('waiting');
    const received: string[] = [];
    const url = await slowSubscriber(800, received);
    await api.createQueueOrThrow('pushed', { type: 'multicast', push: { subscribers: [{ name: 'slow', url }] } });
    const ids = await api.postOrThrow('kept', Array.from({ length: 50 }, (_, i) => `kept ${i}`));
    const polls = Array.from({ length: 5 }, () => api.reserve('waiting', { wait: 30 }));
    await api.postOrThrow('pushed', ['in flight']);
    for (const deadlineMs = Date.now() + 5_000; server.output().indexOf('"route"') < 0 && Date.now() < deadlineMs; ) await new Promise((r) => setTimeout(r, 20));
    await new Promise((resolve) => setTimeout(resolve, 300));

    const signalledAt = Date.now();
    const exitCode = await server.terminate();
    const answers = await Promise.all(polls);
    expect(exitCode).toBe(0);
    for (const answer of answers) expect(answer).toMatchObject({ status: 200, body: { messages: [] } });
    expect(Date.now() - signalledAt).toBeLessThan(5_000);
    expect(received).toEqual(['in flight']);

    await server.restart();
    expect((await api.peekOrThrow('kept', 100)).map((m) => m.id)).toEqual(ids);
    // The attempt's outcome was recorded before the exit: the delivered message left the queue.
    expect(await api.peekOrThrow('pushed')).toEqual([]);
  });

  it('a second SIGTERM ends the process at once', async () => {
    server = await startServer();
    const api = new ApiClient(() => server!);
    const received: string[] = [];
    const url = await slowSubscriber(20_000, received);
    await api.createQueueOrThrow('stuck', { type: 'multicast', push: { subscribers: [{ name: 'stuck', url }] } });
    await api.postOrThrow('stuck', ['never answered in time']);
    await new Promise((resolve) => setTimeout(resolve, 500));
    const exiting = server.terminate();
    await new Promise((resolve) => setTimeout(resolve, 100));
    const secondAt = Date.now();
    const exitCode = await server.terminate();
    await exiting;
    expect(exitCode).toBe(1);
    expect(Date.now() - secondAt).toBeLessThan(1_000);
  });
});
