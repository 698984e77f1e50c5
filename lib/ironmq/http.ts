// Low-level HTTP for the wire API: reading a request body under a size cap without buffering
// an oversized one, and writing JSON replies the way every official client expects (§0.3, §1.5).
import type { IncomingMessage, ServerResponse } from 'node:http';
import { badRequest } from './errors';
import { JsonBytes } from './json-bytes';

/** Reads the whole body, refusing (before buffering it whole) anything over `maxBytes`. */
export function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBytes) return Promise.reject(tooLarge(maxBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let received = 0;
    const onData = (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBytes) {
        req.off('data', onData);
        // Stop reading: the reply closes the connection rather than draining an unbounded body.
        req.pause();
        reject(tooLarge(maxBytes));
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => resolve(chunks.length === 1 ? chunks[0] : Buffer.concat(chunks, received)));
    req.once('error', () => reject(new ClientGoneError()));
  });
}

/** The client closed the connection mid-request: nobody is left to answer, and nothing went wrong here. */
export class ClientGoneError extends Error {
  constructor() {
    super('The client went away');
    this.name = 'ClientGoneError';
  }
}

/** Reading (and dropping) what is left of a refused body stops after this long or this much. */
const DISCARD_LIMIT_MS = 2_000;
const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;

/**
 * Reads and drops the rest of a body the server will not use, so the client has sent it all
 * before the reply closes the connection: closing on unread bytes makes the kernel reset the
 * connection, and most clients then lose the reply (a 401 would surface as EPIPE). Bounded in
 * time and bytes, and nothing is kept.
 */
export function discardRest(req: IncomingMessage): Promise<void> {
  if (req.complete || req.destroyed) return Promise.resolve();
  return new Promise((resolve) => {
    let dropped = 0;
    const done = () => {
      clearTimeout(timer);
      req.off('data', onData);
      resolve();
    };
    const onData = (chunk: Buffer) => {
      dropped += chunk.length;
      if (dropped > DISCARD_LIMIT_BYTES) done();
    };
    const timer = setTimeout(done, DISCARD_LIMIT_MS);
    req.on('data', onData);
    req.once('end', done);
    req.once('close', done);
    req.resume();
  });
}

function tooLarge(maxBytes: number) {
  return badRequest(`Request body must be at most ${maxBytes} bytes`);
}

/**
 * Writes a JSON reply with exactly `Content-Type: application/json` and a Content-Length; `body`
 * is stringified unless it is JsonBytes already.
 */
export function sendJson(res: ServerResponse, status: number, body: unknown, isClosing = false): void {
  if (res.headersSent || res.destroyed) return;
  const json = body instanceof JsonBytes ? body.bytes : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(json),
    ...(isClosing ? { Connection: 'close' } : {}),
  });
  res.end(json);
}
