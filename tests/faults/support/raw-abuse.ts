// Raw-socket HTTP abuse for the fuzzer: request smuggling shapes, broken chunked encoding,
// HTTP/0.9 and HTTP/2 lines, garbage bytes, oversized heads. A smuggled inner request always posts
// to a queue named `smuggled-…` with a valid token, so the fuzzer can tell whether it ever ran.
import type { FuzzCase, FuzzContext } from './fuzz-cases';

export const SMUGGLED_PREFIX = 'smuggled-';

interface AbuseShape {
  name: string;
  build: (ctx: FuzzContext, path: string, inner: string) => string | Buffer;
}

const crlf = (lines: string[]) => `${lines.join('\r\n')}\r\n`;

/** A complete request posting one message to a smuggled-… queue, as an inner request would be. */
function innerRequest(ctx: FuzzContext, queue: string): string {
  const body = '{"messages":[{"body":"smuggled"}]}';
  return crlf([
    `POST /3/projects/${ctx.projectId}/queues/${queue}/messages HTTP/1.1`,
    `Host: ${ctx.host}`,
    `Authorization: OAuth ${ctx.token}`,
    'Content-Type: application/json',
    `Content-Length: ${body.length}`,
    '',
  ]) + body;
}

const head = (ctx: FuzzContext, method: string, path: string, extra: string[]) =>
  crlf([`${method} ${path} HTTP/1.1`, `Host: ${ctx.host}`, `Authorization: OAuth ${ctx.token}`, ...extra, '']);

const SHAPES: AbuseShape[] = [
  { name: 'CL.TE', build: (ctx, p, inner) => head(ctx, 'POST', p, [`Content-Length: ${5 + inner.length}`, 'Transfer-Encoding: chunked']) + `0\r\n\r\n${inner}` },
  { name: 'TE.CL', build: (ctx, p, inner) => head(ctx, 'POST', p, ['Transfer-Encoding: chunked', 'Content-Length: 4']) + `${inner.length.toString(16)}\r\n${inner}\r\n0\r\n\r\n` },
  { name: 'TE.TE obfuscated', build: (ctx, p, inner) => head(ctx, 'POST', p, ['Transfer-Encoding: chunked', 'Transfer-Encoding: x', `Content-Length: ${5 + inner.length}`]) + `0\r\n\r\n${inner}` },
  { name: 'TE with space before colon', build: (ctx, p, inner) => head(ctx, 'POST', p, ['Transfer-Encoding : chunked', `Content-Length: ${5 + inner.length}`]) + `0\r\n\r\n${inner}` },
  { name: 'TE xchunked', build: (ctx, p, inner) => head(ctx, 'POST', p, ['Transfer-Encoding: xchunked', `Content-Length: ${5 + inner.length}`]) + `0\r\n\r\n${inner}` },
  { name: 'TE chunked, identity', build: (ctx, p, inner) => head(ctx, 'POST', p, ['Transfer-Encoding: chunked, identity']) + `0\r\n\r\n${inner}` },
  { name: 'TE folded', build: (ctx, p, inner) => head(ctx, 'POST', p, ['Transfer-Encoding:', ' chunked', `Content-Length: ${5 + inner.length}`]) + `0\r\n\r\n${inner}` },
  { name: 'two Content-Lengths', build: (ctx, p, inner) => head(ctx, 'POST', p, ['Content-Length: 2', `Content-Length: ${2 + inner.length}`]) + `{}${inner}` },
  { name: 'Content-Length list', build: (ctx, p, inner) => head(ctx, 'POST', p, [`Content-Length: 2, ${2 + inner.length}`]) + `{}${inner}` },
  { name: 'Content-Length +2', build: (ctx, p, inner) => head(ctx, 'POST', p, ['Content-Length: +2']) + `{}${inner}` },
  { name: 'Content-Length hex', build: (ctx, p) => head(ctx, 'POST', p, ['Content-Length: 0x2']) + '{}' },
  { name: 'Content-Length negative', build: (ctx, p) => head(ctx, 'POST', p, ['Content-Length: -1']) + '{}' },
  { name: 'Content-Length huge', build: (ctx, p) => head(ctx, 'POST', p, ['Content-Length: 99999999999999999999']) + '{}' },
  { name: 'Content-Length not a number', build: (ctx, p) => head(ctx, 'POST', p, ['Content-Length: abc']) + '{}' },
  { name: 'Content-Length shorter than body', build: (ctx, p, inner) => head(ctx, 'POST', p, ['Content-Length: 1']) + `{}${inner}` },
  { name: 'Content-Length longer than body', build: (ctx, p) => head(ctx, 'POST', p, ['Content-Length: 100']) + '{}' },
  { name: 'chunk size not hex', build: (ctx, p) => head(ctx, 'POST', p, ['Transfer-Encoding: chunked']) + 'zz\r\n{}\r\n0\r\n\r\n' },
  { name: 'chunk size negative', build: (ctx, p) => head(ctx, 'POST', p, ['Transfer-Encoding: chunked']) + '-2\r\n{}\r\n0\r\n\r\n' },
  { name: 'chunk larger than data', build: (ctx, p) => head(ctx, 'POST', p, ['Transfer-Encoding: chunked']) + 'ff\r\n{}\r\n0\r\n\r\n' },
  { name: 'chunk size overflow', build: (ctx, p) => head(ctx, 'POST', p, ['Transfer-Encoding: chunked']) + 'fffffffffffffffff\r\n{}\r\n0\r\n\r\n' },
  { name: 'chunk without CRLF', build: (ctx, p, inner) => head(ctx, 'POST', p, ['Transfer-Encoding: chunked']) + `2\r\n{}0\r\n\r\n${inner}` },
  { name: 'chunk LF only', build: (ctx, p, inner) => head(ctx, 'POST', p, ['Transfer-Encoding: chunked']) + `2\n{}\n0\n\n${inner}` },
  { name: 'chunk extension huge', build: (ctx, p) => head(ctx, 'POST', p, ['Transfer-Encoding: chunked']) + `2;${'e'.repeat(20_000)}\r\n{}\r\n0\r\n\r\n` },
  { name: 'chunk with trailer', build: (ctx, p) => head(ctx, 'POST', p, ['Transfer-Encoding: chunked', 'Connection: close']) + '2\r\n{}\r\n0\r\nX-Trailer: 1\r\n\r\n' },
  { name: 'HTTP/0.9 line', build: (_ctx, p) => `GET ${p}\r\n` },
  { name: 'HTTP/0.9 line then request', build: (ctx, p, inner) => `GET ${p}\r\n${inner}` },
  { name: 'HTTP/2 preface', build: () => 'PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n' },
  { name: 'HTTP/9.9', build: (ctx, p) => head(ctx, 'GET', p, []).replace('HTTP/1.1', 'HTTP/9.9') },
  { name: 'HTTP/1.0 without Host', build: (ctx, p) => crlf([`GET ${p} HTTP/1.0`, `Authorization: OAuth ${ctx.token}`, '']) },
  { name: 'absolute-form target', build: (ctx, p) => head(ctx, 'GET', `http://evil.test${p}`, ['Connection: close']) },
  { name: 'asterisk target', build: (ctx) => head(ctx, 'OPTIONS', '*', ['Connection: close']) },
  { name: 'lower-case method', build: (ctx, p) => head(ctx, 'get', p, []) },
  { name: 'unknown method', build: (ctx, p) => head(ctx, 'FROB', p, []) },
  { name: 'CONNECT', build: (ctx) => head(ctx, 'CONNECT', '127.0.0.1:22', []) },
  { name: 'double space', build: (ctx, p) => head(ctx, 'GET', ` ${p}`, []) },
  { name: 'space in target', build: (ctx, p) => head(ctx, 'GET', `${p}/a b`, []) },
  { name: 'raw UTF-8 in target', build: (ctx, p) => head(ctx, 'GET', Buffer.from(`${p}/ü🚀`, 'utf8').toString('latin1'), []) },
  { name: 'NUL in target', build: (ctx, p) => head(ctx, 'GET', `${p}\u0000x`, []) },
  { name: 'CR-only line ends', build: (ctx, p) => head(ctx, 'GET', p, []).replace(/\r\n/g, '\r') },
  { name: 'LF-only line ends', build: (ctx, p) => head(ctx, 'GET', p, ['Connection: close']).replace(/\r\n/g, '\n') },
  { name: 'header without colon', build: (ctx, p) => head(ctx, 'GET', p, ['NoColonHere']) },
  { name: 'header name with space', build: (ctx, p) => head(ctx, 'GET', p, ['Bad Name: x']) },
  { name: 'NUL in header', build: (ctx, p) => head(ctx, 'GET', p, ['X-A: a\u0000b']) },
  { name: 'obs-fold Authorization', build: (ctx, p) => crlf([`GET ${p} HTTP/1.1`, `Host: ${ctx.host}`, 'Authorization: OAuth', ` ${ctx.token}`, '']) },
  { name: 'oversized header', build: (ctx, p) => head(ctx, 'GET', p, [`X-Big: ${'a'.repeat(70_000)}`]) },
  { name: 'many headers', build: (ctx, p) => head(ctx, 'GET', p, Array.from({ length: 3_000 }, (_, i) => `X-H${i}: v`)) },
  { name: 'oversized target', build: (ctx, p) => head(ctx, 'GET', `${p}?q=${'a'.repeat(100_000)}`, []) },
  { name: 'Expect 100-continue, no body', build: (ctx, p) => head(ctx, 'POST', p, ['Expect: 100-continue', 'Content-Length: 10']) },
  { name: 'Upgrade websocket', build: (ctx, p) => head(ctx, 'GET', p, ['Connection: Upgrade', 'Upgrade: websocket', 'Sec-WebSocket-Version: 13', 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==']) },
  { name: 'Upgrade h2c', build: (ctx, p) => head(ctx, 'GET', p, ['Connection: Upgrade, HTTP2-Settings', 'Upgrade: h2c', 'HTTP2-Settings: AAMAAABkAAQAAP__']) },
  { name: 'header only, never finished', build: (ctx, p) => head(ctx, 'GET', p, []).slice(0, -2) },
  { name: 'TLS client hello', build: () => Buffer.from('16030100a5010000a10303', 'hex') },
];

/** One raw abuse case: a fixed shape against a random canary path, or random garbage bytes. */
export function rawCase(ctx: FuzzContext, index: number): FuzzCase {
  const { rng } = ctx;
  const queue = rng.pick(['canary-pull', 'canary-settings', 'canary-push']);
  const path = `/${rng.pick(['3', '1'])}/projects/${ctx.projectId}/queues/${queue}/messages`;
  const inner = innerRequest(ctx, `${SMUGGLED_PREFIX}${index}`);
  const isGarbage = rng.chance(0.15);
  const shape = isGarbage ? undefined : rng.pick(SHAPES);
  const built = shape ? shape.build(ctx, path, inner) : rng.bytes(rng.int(1, 2_000));
  const bytes = Buffer.isBuffer(built) ? built : Buffer.from(built, 'latin1');
  return {
    kind: 'raw',
    label: `raw ${shape?.name ?? 'garbage bytes'} → ${path} (${bytes.length} bytes: ${bytes.subarray(0, 80).toString('latin1').replace(/\r?\n/g, '⏎')})`,
    bytes,
    needsAnswer: false,
    isWirePath: false,
    isHead: false,
    timeoutMs: 1_000,
  };
}

export const rawShapeCount = SHAPES.length;
