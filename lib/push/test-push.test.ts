// The test push against real HTTP servers on 127.0.0.1: what it sends, what it reports back
// (status, headers, a capped body, the time taken), and the pusher's rules — no redirect is
// followed, and the address policy refuses before anything is dialled.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect, it } from 'vitest';
import { createAddressPolicy } from './address-policy';
import { TEST_PUSH_PREVIEW_BYTES, sendTestPush } from './test-push';

const servers: http.Server[] = [];
const received: Array<{ headers: http.IncomingHttpHeaders; body: string }> = [];

afterEach(async () => {
  received.length = 0;
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

async function serve(answer: (res: http.ServerResponse) => void): Promise<string> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString() });
      answer(res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook?x=1`;
}

const allowAll = createAddressPolicy();

it('posts the body with the subscriber’s headers and reports status, headers, body and time', async () => {
  const url = await serve((res) => res.writeHead(201, { 'X-Answer': 'yes', 'Content-Type': 'text/plain' }).end('created'));
  const result = await sendTestPush({ subscriber: { name: 'orders', url, headers: { 'X-Key': 'k' } }, body: 'hello', policy: allowAll, timeoutMs: 5_000 });
  expect(result).toMatchObject({ statusCode: 201, outcome: 'delivered', errorMessage: null, bodyPreview: 'created', isBodyTruncated: false });
  expect(result.headers).toContainEqual(['X-Answer', 'yes']);
  expect(result.durationMs).toBeGreaterThanOrEqual(0);
  expect(received[0].body).toBe('hello');
  expect(received[0].headers).toMatchObject({ 'x-key': 'k', 'iron-message-id': '0', 'iron-subscriber-name': 'orders', 'user-agent': 'IronMQ Pusherd' });
  expect(received[0].headers['iron-subscriber-message-url']).toBeUndefined();
});

it('caps the body it shows, and does not follow a redirect', async () => {
  const big = await serve((res) => res.writeHead(500).end('x'.repeat(TEST_PUSH_PREVIEW_BYTES + 10)));
  const failed = await sendTestPush({ subscriber: { name: '', url: big, headers: {} }, body: '', policy: allowAll, timeoutMs: 5_000 });
  expect(failed).toMatchObject({ statusCode: 500, outcome: 'failed', errorMessage: 'Subscriber answered 500', isBodyTruncated: true });
  expect(failed.bodyPreview).toHaveLength(TEST_PUSH_PREVIEW_BYTES);

  const moved = await serve((res) => res.writeHead(302, { Location: 'http://169.254.169.254/' }).end());
  const redirected = await sendTestPush({ subscriber: { name: 'r', url: moved, headers: {} }, body: '', policy: allowAll, timeoutMs: 5_000 });
  expect(redirected).toMatchObject({ statusCode: 302, outcome: 'failed' });
  expect(redirected.headers).toContainEqual(['Location', 'http://169.254.169.254/']);
  expect(received).toHaveLength(2);
});

it('is refused by the address policy before anything is dialled', async () => {
  const url = await serve((res) => res.writeHead(200).end());
  const result = await sendTestPush({ subscriber: { name: 's', url, headers: {} }, body: '', policy: createAddressPolicy({ deny: 'loopback' }), timeoutMs: 5_000 });
  expect(result).toMatchObject({ statusCode: 0, outcome: 'failed', headers: [], bodyPreview: '' });
  expect(result.errorMessage).toMatch(/not allowed by the push policy/);
  expect(received).toHaveLength(0);
});
