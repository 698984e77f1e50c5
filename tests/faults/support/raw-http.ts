// HTTP over a bare TCP socket for the fuzzer: it writes exactly the bytes given (bad framing,
// duplicate headers, smuggling shapes) and reads back every response the server sends on that
// connection, so a second, smuggled request that got answered is seen too.
import net from 'node:net';

export interface RawReply {
  status: number;
  /** Header names lower-cased; repeated headers joined with ', '. */
  headers: Record<string, string>;
  body: Buffer;
}

export interface RawExchange {
  /** Final (non-1xx) responses in the order received. */
  replies: RawReply[];
  /** The server closed or reset the connection (as opposed to our timeout ending it). */
  isClosedByServer: boolean;
  /** Bytes after the last complete response that did not parse as one. */
  leftover: number;
}

/** A request as bytes: the request line, header lines in order (repeats allowed), then the body. */
export function renderRequest(method: string, target: string, headers: Array<[string, string]>, body?: Buffer | string): Buffer {
  const head = `${method} ${target} HTTP/1.1\r\n${headers.map(([name, value]) => `${name}: ${value}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), body === undefined ? Buffer.alloc(0) : Buffer.from(body)]);
}

/** Decodes a chunked body; undefined while incomplete. */
function dechunk(data: Buffer): { body: Buffer; used: number } | undefined {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    at = lineEnd + 2;
    if (size === 0) {
      const trailerEnd = data.indexOf('\r\n\r\n', at - 2);
      return trailerEnd < 0 ? undefined : { body: Buffer.concat(parts), used: trailerEnd + 4 };
    }
    if (data.length < at + size + 2) return undefined;
    parts.push(data.subarray(at, at + size));
    at += size + 2;
  }
}

/** Parses as many whole responses as `data` holds; `isClosed` lets a length-less body end at EOF. */
function parseReplies(data: Buffer, isClosed: boolean, isHead: boolean): { replies: RawReply[]; rest: Buffer } {
  const replies: RawReply[] = [];
  let rest = data;
  for (;;) {
    const headEnd = rest.indexOf('\r\n\r\n');
    if (headEnd < 0) break;
    const [statusLine, ...lines] = rest.subarray(0, headEnd).toString('latin1').split('\r\n');
    const status = Number(/^HTTP\/\d\.\d (\d{3})/.exec(statusLine)?.[1] ?? NaN);
    if (Number.isNaN(status)) break;
    const headers: Record<string, string> = {};
    for (const line of lines) {
      const colon = line.indexOf(':');
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line.slice(colon + 1).trim();
      headers[name] = headers[name] === undefined ? value : `${headers[name]}, ${value}`;
    }
    const afterHead = rest.subarray(headEnd + 4);
    let body: Buffer;
    let used: number;
    // A HEAD answer announces a length but carries no body.
    if (status < 200 || status === 204 || status === 304 || (isHead && status >= 200)) {
      body = Buffer.alloc(0);
      used = 0;
    } else if (/chunked/i.test(headers['transfer-encoding'] ?? '')) {
      const decoded = dechunk(afterHead);
      if (!decoded) break;
      ({ body, used } = decoded);
    } else if (headers['content-length'] !== undefined) {
      const length = Number(headers['content-length']);
      if (afterHead.length < length) break;
      body = afterHead.subarray(0, length);
      used = length;
    } else {
      if (!isClosed) break;
      body = afterHead;
      used = afterHead.length;
    }
    rest = afterHead.subarray(used);
    if (status >= 200) replies.push({ status, headers, body });
  }
  return { replies, rest };
}

/**
 * Writes `bytes` and collects responses until the server closes the connection or `timeoutMs`
 * passes. Requests that want a prompt answer carry `Connection: close`, so the server's close
 * ends the exchange as soon as the answer is out.
 */
export function exchangeRaw(baseUrl: string, bytes: Buffer, timeoutMs = 5_000, isHead = false): Promise<RawExchange> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    let isDone = false;
    const finish = (isClosedByServer: boolean) => {
      if (isDone) return;
      isDone = true;
      clearTimeout(timer);
      socket.destroy();
      const { replies, rest } = parseReplies(Buffer.concat(chunks), isClosedByServer, isHead);
      resolve({ replies, isClosedByServer, leftover: rest.length });
    };
    const timer = setTimeout(() => finish(false), timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('close', () => finish(true));
    // A reset is the server ending the connection too; what it sent before still counts.
    socket.on('error', () => finish(true));
    socket.write(bytes, () => undefined);
  });
}
