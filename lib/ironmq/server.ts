// The wire API's request handler, served on a plain node:http fast path (lib/server.ts) rather
// than through Next: route → read body → authenticate → one engine call → JSON. Nothing else.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QueueEngine } from '../engine/engine';
import { alertRoutesFor } from './alert-routes';
import { toErrorReply, WireError } from './errors';
import { parseJsonObject, type JsonObject } from './fields';
import { sendJson, readBody } from './http';
import { Router, pathSegments, type Method, type RouteMatch } from './router';
import { messageRoutesV1 } from './v1/messages';
import { pushRoutesV1 } from './v1/push';
import { queueRoutesV1 } from './v1/queues';
import { messageRoutes } from './v3/messages';
import { pushRoutes } from './v3/push';
import { queueRoutes } from './v3/queues';

export interface WireApiOptions {
  engine: QueueEngine;
  /** True when `token` is a live token of `projectId`. */
  authenticate: (projectId: string, token: string) => Promise<boolean>;
  /** Largest request body accepted, in bytes. */
  maxRequestBytes: number;
  log: (line: string) => void;
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

/** Header, then query, then body (§1.3); the scheme `OAuth` is matched case-insensitively. */
function tokenOf(req: IncomingMessage, query: URLSearchParams, body: JsonObject): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^oauth\s+(\S+)\s*$/i.exec(header) : null;
  if (match) return match[1];
  const fromQuery = query.get('oauth');
  if (fromQuery) return fromQuery;
  return typeof body.oauth === 'string' && body.oauth ? body.oauth : undefined;
}

export function createWireApi(options: WireApiOptions) {
  // Literal segments (webhook) are declared before the {message} parameter that would match them.
  const router = new Router([
    ...queueRoutes,
    ...pushRoutes,
    ...alertRoutesFor(3),
    ...messageRoutes,
    ...queueRoutesV1,
    ...pushRoutesV1,
    ...alertRoutesFor(1),
    ...messageRoutesV1,
  ]);

  async function answer(req: IncomingMessage, signal: AbortSignal): Promise<{ status: number; body: unknown }> {
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

    const rawBody = await readBody(req, options.maxRequestBytes);
    const body = match.route.isRawBody ? {} : parseJsonObject(rawBody);
    const projectId = match.params.project;
    const token = tokenOf(req, query, body);
    if (!token || !(await options.authenticate(projectId, token))) throw new WireError('UNAUTHORIZED');

    return match.route.handler({
      engine: options.engine,
      projectId,
      params: match.params,
      body,
      rawBody,
      query,
      headers: req.headers,
      signal,
    });
  }

  return function handleWireRequest(req: IncomingMessage, res: ServerResponse): void {
    const abort = new AbortController();
    res.once('close', () => abort.abort());
    answer(req, abort.signal).then(
      (reply) => sendJson(res, reply.status, reply.body),
      (error: unknown) => {
        const reply = toErrorReply(error, options.log);
        // A body we stopped reading cannot be followed by another request on this connection.
        sendJson(res, reply.status, reply.body, !req.complete);
      },
    );
  };
}
