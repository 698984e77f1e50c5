// sendPush, one push attempt over HTTP: the address policy is applied to the address actually
// dialled, before any connection (a guard on net.Socket#connect proves no socket is ever opened
// to anything but loopback), and real answers from loopback subscribers are classified (§4.8.2).
import http from 'node:http';
import net, { type AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAddressPolicy, type AddressPolicy } from './address-policy';
import { sendPush, systemResolver, type PushRequest, type Resolver } from './push-request';

const isLoopback = (host: string) => /^(127\.|::1$|\[::1\]$|::ffff:127\.|localhost$)/i.test(host);

/** Every host a socket tried to connect to during a test. */
let dialled: string[] = [];
const originalConnect = net.Socket.prototype.connect;

beforeAll(() => {
  // The guard: a connection to anything but loopback is recorded and never made.
  net.Socket.prototype.connect = function guardedConnect(this: net.Socket, ...args: unknown[]) {
    const first = args[0] as unknown;
    const options = (Array.isArray(first) ? first[0] : first) as { host?: string; path?: string } | number;
    const host = typeof options === 'object' ? (options.host ?? (options.path ? 'unix' : 'localhost')) : String(args[1] ?? 'localhost');
    dialled.push(host);
    if (!isLoopback(host)) {
      // Failed a tick later, as a real connect would, once the request listens for socket errors.
      setImmediate(() => this.destroy(new Error(`test guard: refused to connect to ${host}`)));
      return this;
    }
    return (originalConnect as (...a: unknown[]) => net.Socket).apply(this, args);
  } as typeof net.Socket.prototype.connect;
});

afterAll(() => {
  net.Socket.prototype.connect = originalConnect;
});

beforeEach(() => {
  dialled = [];
});

const DEFAULT_POLICY = createAddressPolicy();
const POLICY_MESSAGE = /is not allowed by the push policy/;

/** A resolver that must not be asked: the URL holds an IP address. */
const NO_DNS: Resolver = async (hostname) => {
  throw new Error(`unexpected DNS lookup of ${hostname}`);
};

function request(url: string, changes: Partial<PushRequest> = {}): PushRequest {
  return { url: new URL(url), headers: { 'X-Test': 'yes' }, body: 'the body', timeoutMs: 2_000, policy: DEFAULT_POLICY, resolve: NO_DNS, ...changes };
}

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
  method: string;
  path: string;
}

/** A loopback server answering with `handler`; closed after the file. */
async function loopbackServer(handler: (req: http.IncomingMessage, res: http.ServerResponse) => void) {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), method: req.method ?? '', path: req.url ?? '' });
      handler(req, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  servers.push(server);
  const { port } = server.address() as AddressInfo;
  return { port, url: `http://127.0.0.1:${port}/push`, received };
}

const servers: http.Server[] = [];
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

describe('the policy is applied before connecting', () => {
  it('(the guard itself: an allowed non-loopback address is recorded and refused, never dialled)', async () => {
    const result = await sendPush(request('http://192.0.2.1/', { policy: createAddressPolicy({ deny: '' }) }));
    expect(dialled).toEqual(['192.0.2.1']);
    expect(result).toMatchObject({ statusCode: 0, result: 'failed' });
  });

  const metadataUrls = [
    'http://169.254.169.254/latest/meta-data/',
    'http://169.254.169.254:8080/',
    'https://169.254.169.254/',
    'http://[::ffff:169.254.169.254]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://2852039166/',
    'http://0xa9.0xfe.0xa9.0xfe/',
    'http://0251.0376.0251.0376/',
    'http://169.254.43518/',
    'http://[fe80::1]/',
    'http://0.0.0.0:80/',
    'http://0/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://[ff02::1]/',
  ];

  it.each(metadataUrls)('%s fails with the policy message, no DNS, no connection', async (url) => {
    const result = await sendPush(request(url));
    expect(result).toEqual({ statusCode: 0, result: 'failed', errorMessage: expect.stringMatching(POLICY_MESSAGE) });
    expect(dialled).toEqual([]);
  });

  it('a name resolving to a link-local address fails without connecting', async () => {
    const resolve = vi.fn<Resolver>(async () => ['169.254.169.254']);
    const result = await sendPush(request('http://metadata.test/computeMetadata/v1/', { resolve }));
    expect(resolve).toHaveBeenCalledWith('metadata.test');
    expect(result.result).toBe('failed');
    expect(result.errorMessage).toMatch(/169\.254\.169\.254 is not allowed by the push policy/);
    expect(dialled).toEqual([]);
  });

  it('a name resolving to IPv4-mapped IPv6 metadata fails without connecting', async () => {
    for (const address of ['::ffff:169.254.169.254', '::ffff:a9fe:a9fe']) {
      const result = await sendPush(request('http://sneaky.test/', { resolve: async () => [address] }));
      expect(result.errorMessage, address).toMatch(POLICY_MESSAGE);
    }
    expect(dialled).toEqual([]);
  });

  it('with private denied, a name resolving only to private addresses fails, listing them', async () => {
    const policy = createAddressPolicy({ deny: 'private' });
    const result = await sendPush(request('http://intranet.test/', { policy, resolve: async () => ['10.1.2.3', '192.168.0.5', 'fd00::5'] }));
    expect(result.errorMessage).toMatch(/10\.1\.2\.3, 192\.168\.0\.5, fd00::5 is not allowed by the push policy/);
    expect(dialled).toEqual([]);
  });

  it('with loopback denied, a local subscriber is never reached, by address or by name', async () => {
    const subscriber = await loopbackServer((_req, res) => res.end());
    const policy: AddressPolicy = createAddressPolicy({ deny: 'loopback' });
    for (const url of [subscriber.url, `http://[::ffff:127.0.0.1]:${subscriber.port}/`, `http://localhost:${subscriber.port}/`]) {
      const result = await sendPush(request(url, { policy, resolve: systemResolver }));
      expect(result.errorMessage, url).toMatch(POLICY_MESSAGE);
    }
    expect(dialled).toEqual([]);
    expect(subscriber.received).toEqual([]);
  });

  it('the first allowed address is dialled, with the name as Host', async () => {
    const subscriber = await loopbackServer((_req, res) => res.writeHead(200).end('ok'));
    const resolve: Resolver = async () => ['169.254.169.254', '::ffff:a9fe:a9fe', '127.0.0.1'];
    const result = await sendPush(request(`http://internal.test:${subscriber.port}/push?a=1`, { resolve }));
    expect(result).toEqual({ statusCode: 200, result: 'delivered', errorMessage: null });
    expect(dialled).toEqual(['127.0.0.1']);
    expect(subscriber.received).toHaveLength(1);
    expect(subscriber.received[0].headers.host).toBe(`internal.test:${subscriber.port}`);
    expect(subscriber.received[0].path).toBe('/push?a=1');
  });

  it('a failed or empty lookup is a failed attempt, not a crash', async () => {
    const failing = await sendPush(request('http://nowhere.test/', { resolve: async () => Promise.reject(new Error('ENOTFOUND nowhere.test')) }));
    expect(failing).toMatchObject({ statusCode: 0, result: 'failed', errorMessage: expect.stringMatching(/Could not resolve nowhere\.test/) });
    const empty = await sendPush(request('http://empty.test/', { resolve: async () => [] }));
    expect(empty).toMatchObject({ statusCode: 0, result: 'failed' });
    expect(dialled).toEqual([]);
  });
});

describe('answers from a loopback subscriber', () => {
  it('POSTs the raw body with the given headers and a Content-Length', async () => {
    const subscriber = await loopbackServer((_req, res) => res.writeHead(200).end());
    const body = 'héllo\n{"raw": true}';
    const result = await sendPush(request(subscriber.url, { body, headers: { 'User-Agent': 'IronMQ Pusherd', 'Iron-Message-Id': '42' } }));
    expect(result.result).toBe('delivered');
    const [got] = subscriber.received;
    expect(got.method).toBe('POST');
    expect(got.body).toBe(body);
    expect(got.headers).toMatchObject({ 'user-agent': 'IronMQ Pusherd', 'iron-message-id': '42', 'content-length': String(Buffer.byteLength(body)) });
  });

  it.each([
    [200, { statusCode: 200, result: 'delivered', errorMessage: null }],
    [201, { statusCode: 201, result: 'delivered', errorMessage: null }],
    [204, { statusCode: 204, result: 'delivered', errorMessage: null }],
    [202, { statusCode: 202, result: 'accepted', errorMessage: null }],
    [400, { statusCode: 400, result: 'failed', errorMessage: 'Subscriber answered 400' }],
    [404, { statusCode: 404, result: 'failed', errorMessage: 'Subscriber answered 404' }],
    [500, { statusCode: 500, result: 'failed', errorMessage: 'Subscriber answered 500' }],
    [503, { statusCode: 503, result: 'failed', errorMessage: 'Subscriber answered 503' }],
  ] as const)('%i → %o', async (status, expected) => {
    const subscriber = await loopbackServer((_req, res) => res.writeHead(status).end());
    expect(await sendPush(request(subscriber.url))).toEqual(expected);
  });

  it('redirects fail and are not followed', async () => {
    const target = await loopbackServer((_req, res) => res.writeHead(200).end());
    for (const status of [301, 302, 303, 307, 308]) {
      const redirecting = await loopbackServer((_req, res) => res.writeHead(status, { Location: target.url }).end());
      expect(await sendPush(request(redirecting.url))).toEqual({ statusCode: status, result: 'failed', errorMessage: `Subscriber answered ${status}` });
    }
    expect(target.received).toEqual([]);
  });

  it('a connection closed without an answer fails with status 0', async () => {
    const subscriber = await loopbackServer((req) => req.socket.destroy());
    const result = await sendPush(request(subscriber.url));
    expect(result).toMatchObject({ statusCode: 0, result: 'failed' });
    expect(result.errorMessage).toMatch(/\S/);
  });

  it('nothing listening: a failed attempt', async () => {
    const probe = net.createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise((resolve) => probe.close(resolve));
    const result = await sendPush(request(`http://127.0.0.1:${port}/`));
    expect(result).toMatchObject({ statusCode: 0, result: 'failed', errorMessage: expect.stringMatching(/ECONNREFUSED/) });
  });

  it('an answer slower than the timeout fails at the timeout', async () => {
    const subscriber = await loopbackServer((_req, res) => setTimeout(() => res.writeHead(200).end(), 3_000));
    const startMs = Date.now();
    const result = await sendPush(request(subscriber.url, { timeoutMs: 300 }));
    expect(result).toEqual({ statusCode: 0, result: 'failed', errorMessage: 'No answer within 300 ms' });
    expect(Date.now() - startMs).toBeLessThan(1_500);
  });

  it('a huge answer is not read to the end: the status decides', async () => {
    const subscriber = await loopbackServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/plain' });
      const chunk = Buffer.alloc(64 * 1024, 'x');
      let sent = 0;
      const write = () => {
        while (sent < 200 && res.write(chunk)) sent += 1;
        if (sent < 200 && !res.destroyed) res.once('drain', write);
        else res.end();
      };
      write();
    });
    const startMs = Date.now();
    expect(await sendPush(request(subscriber.url))).toEqual({ statusCode: 200, result: 'delivered', errorMessage: null });
    expect(Date.now() - startMs).toBeLessThan(1_500);
  });
});
