// The wire API's request handler, served on a plain node:http fast path (lib/server.ts) rather
// than through Next: route → read body → authenticate → one engine call → JSON. Nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QueueEngine } from '../engine/engine';
import { requestIdOf } from '../request-id';
import { toErrorReply, WireError } from './errors';
import { parseJsonObject, type JsonObject } from './fields';
import { ClientGoneError, discardRest, readBody, sendJson } from './http';
import { Router, pathSegments, type Method, type RouteMatch } from './router';
import { WIRE_ROUTES } from './routes';

export interface WireApiOptions {
  engine: QueueEngine;
  /** True when `token` is a live token of `projectId`. */
  authenticate: (projectId: string, token: string) => Promise<boolean>;
  /** Largest request body accepted, in bytes. */
  maxRequestBytes: number;
  /** Where an unexpected failure (a bug: answered 500) is reported. */
  log: (line: string) => void;
  /** Hears every answered request, for metrics and the request log. */
  onAnswered?: (answered: WireRequestInfo) => void;
}

/** What the request log and metrics learn of one request; never a token or a body. */
export interface WireRequestInfo {
  requestId: string;
  method: string;
  /** The matched route's template, or `unmatched`. */
  route: string;
  projectId: string | undefined;
  status: number;
  durationMs: number;
}

const METHODS = new Set<string>(['GET', 'PUT', 'POST', 'PATCH', 'DELETE']);
const OVERRIDABLE = new Set<string>(['DELETE', 'PATCH', 'PUT']);

/** True for the paths the wire API owns; Next handles everything else. */
export function isWireApiPath(url: string): boolean {
  return url.startsWith('/3/') || url.startsWith('/1/');
}

/** The effective method: Java tunnels DELETE and PATCH through POST (§0.5). */
function methodOf(req: IncomingMessage): string {
  const override = req.headers['x-http-method-override'];
  if (req.method === 'POST' && typeof override === 'string' && OVERRIDABLE.has(override.toUpperCase())) {
    return override.toUpperCase();
  }
  return req.method ?? 'GET';
}

/**
 * The most a request without a token in its header or query may send: enough for a JSON body
 * carrying `oauth` (the PHP client's way, §1.3), far too little to make an unauthenticated
 * client's body cost memory or time. The large cap applies only once the token is known good.
 */
const UNAUTHENTICATED_BODY_BYTES = 64 * 1024;

/** Header, then query (§1.3); the scheme `OAuth` is matched case-insensitively. */
function tokenOutsideBody(req: IncomingMessage, query: URLSearchParams): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^oauth\s+(\S+)\s*$/i.exec(header) : null;
  if (match) return match[1];
  return query.get('oauth') || undefined;
}

function tokenInBody(body: JsonObject): string | undefined {
  return typeof body.oauth === 'string' && body.oauth ? body.oauth : undefined;
}

export function createWireApi(options: WireApiOptions) {
  const router = new Router(WIRE_ROUTES);

  async function answer(req: IncomingMessage, signalOf: () => AbortSignal, info: WireRequestInfo): Promise<{ status: number; body: unknown }> {
    const url = req.url ?? '/';
    const queryStart = url.indexOf('?');
    const rawPath = queryStart < 0 ? url : url.slice(0, queryStart);
    const query = new URLSearchParams(queryStart < 0 ? '' : url.slice(queryStart + 1));
    const method = methodOf(req);
    const match: RouteMatch = METHODS.has(method)
      ? router.match(method as Method, pathSegments(rawPath))
      : { kind: 'wrong-method' };
    if (match.kind === 'none') throw new WireError('ROUTE_NOT_FOUND');
    if (match.kind === 'wrong-method') throw new WireError('METHOD_NOT_ALLOWED');
    info.route = match.route.path;
    info.projectId = match.params.project;

    // Authenticate before reading a body: an unknown client never makes the server buffer or
    // parse more than UNAUTHENTICATED_BODY_BYTES.
    const projectId = match.params.project;
    const isAuthentic = async (token: string | undefined) => token !== undefined && (await options.authenticate(projectId, token));
    const outsideToken = tokenOutsideBody(req, query);
    let rawBody: Buffer;
    let body: JsonObject;
    if (outsideToken !== undefined) {
      if (!(await isAuthentic(outsideToken))) throw new WireError('UNAUTHORIZED');
      rawBody = await readBody(req, options.maxRequestBytes);
      body = match.route.isRawBody ? {} : parseJsonObject(rawBody);
    } else {
      rawBody = await readBody(req, UNAUTHENTICATED_BODY_BYTES).catch((error: unknown) => {
        if (error instanceof ClientGoneError) throw error;
        throw new WireError('UNAUTHORIZED', 'A body over 64 KiB needs the token in the Authorization header or the oauth query parameter');
      });
      body = match.route.isRawBody ? {} : parseJsonObject(rawBody);
      if (!(await isAuthentic(tokenInBody(body)))) throw new WireError('UNAUTHORIZED');
    }

    return match.route.handler({
      engine: options.engine,
      projectId,
      params: match.params,
      body,
      rawBody,
      query,
      headers: req.headers,
      get signal() {
        return signalOf();
      },
    });
  }

  return function handleWireRequest(req: IncomingMessage, res: ServerResponse): void {
    const startedAt = performance.now();
    // Only a client gone before its reply needs the signal (long polls end early): aborting after
    // every reply would build an AbortError per request for nobody, and the controller itself is
    // made only for the handlers that ask for its signal (reserves), not for every post and delete.
    let abort: AbortController | undefined;
    let isClientGone = false;
    res.once('close', () => {
      if (res.writableFinished) return;
      isClientGone = true;
      abort?.abort();
    });
    const signalOf = () => {
      if (!abort) {
        abort = new AbortController();
        if (isClientGone) abort.abort();
      }
      return abort.signal;
    };
    const info: WireRequestInfo = { requestId: requestIdOf(req.headers['x-request-id']), method: methodOf(req), route: 'unmatched', projectId: undefined, status: 0, durationMs: 0 };
    res.setHeader('X-Request-Id', info.requestId);
    const finish = (status: number, body: unknown, isClosing: boolean) => {
      sendJson(res, status, body, isClosing);
      info.status = status;
      info.durationMs = performance.now() - startedAt;
      options.onAnswered?.(info);
    };
    answer(req, signalOf, info).then(
      (reply) => finish(reply.status, reply.body, false),
      async (error: unknown) => {
        if (error instanceof ClientGoneError) return void res.destroy();
        const reply = toErrorReply(error, (line) => options.log(`${line} (request ${info.requestId})`));
        // A body we stopped reading cannot be followed by another request on this connection;
        // the client must still get the reply, so the rest of its body is read and dropped first.
        const isClosing = !req.complete;
        await discardRest(req);
        finish(reply.status, reply.body, isClosing);
      },
    );
  };
}
