// Which part of the process answers a request: the wire API (/1/, /3/) on its fast path, the
// health checks and metrics, or — after the path guard and the forwarded-header rewrite — the
// HUD through Next. Every request gets an X-Request-Id and is counted and logged once answered.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ForwardedHeaders } from './forwarded-headers';
import { hudPathProblem, refuseHudPath } from './hud-path-guard';
import { isWireApiPath, type WireRequestInfo } from './ironmq/server';
import type { Metrics } from './metrics/metrics';
import { requestIdOf } from './request-id';

type Handler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

export interface FrontDoorParts {
  wireApi: Handler;
  hud: Handler;
  forwarded: ForwardedHeaders;
  health: { healthz: Handler; readyz: Handler };
  /** Undefined when /metrics is served on a port of its own. */
  metrics: Handler | undefined;
}

/** Methods Next serves; it answers others (TRACE, CONNECT, …) with a bare 500. */
const HUD_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

function refuseMethod(res: ServerResponse): void {
  const body = JSON.stringify({ code: 'METHOD_NOT_ALLOWED', msg: 'Method not allowed' });
  res.writeHead(405, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), Allow: [...HUD_METHODS].join(', ') });
  res.end(body);
}

/** The HUD's routes, coarsely: a label per kind of request, so metrics stay a handful of series. */
function hudRouteOf(url: string): string {
  if (url.startsWith('/api/auth/')) return '/api/auth';
  if (url.startsWith('/api/')) return '/api';
  if (url.startsWith('/_next/')) return '/_next';
  return '(page)';
}

/** One log line per answered request: quiet for success, louder as it goes wrong. */
export function logAnswered(logger: Logger, api: string, info: Omit<WireRequestInfo, 'durationMs'> & { durationMs: number }): void {
  const line = { reqId: info.requestId, api, method: info.method, route: info.route, status: info.status, durationMs: Math.round(info.durationMs * 10) / 10, projectId: info.projectId };
  if (info.status >= 500) logger.error(line, 'request failed');
  else if (info.status >= 400) logger.info(line, 'request refused');
  else logger.debug(line, 'request answered');
}

export function createFrontDoor(parts: FrontDoorParts, observe: { logger: Logger; metrics: Metrics }): Handler {
  const answeredByHud = (req: IncomingMessage, res: ServerResponse, requestId: string, startedAt: number) => {
    res.once('finish', () => {
      const info = { requestId, method: req.method ?? 'GET', route: hudRouteOf(req.url ?? '/'), projectId: undefined, status: res.statusCode, durationMs: performance.now() - startedAt };
      observe.metrics.observeRequest({ api: 'hud', ...info });
      logAnswered(observe.logger, 'hud', info);
    });
  };
  return function frontDoor(req, res) {
    const url = req.url ?? '/';
    if (isWireApiPath(url)) return parts.wireApi(req, res);
    const path = url.split('?')[0];
    if (path === '/healthz') return parts.health.healthz(req, res);
    if (path === '/readyz') return parts.health.readyz(req, res);
    if (path === '/metrics' && parts.metrics) return parts.metrics(req, res);
    const requestId = requestIdOf(req.headers['x-request-id']);
    res.setHeader('X-Request-Id', requestId);
    answeredByHud(req, res, requestId, performance.now());
    if (!HUD_METHODS.has(req.method ?? '')) return refuseMethod(res);
    const problem = hudPathProblem(url);
    if (problem) return refuseHudPath(res, url, problem);
    parts.forwarded.vouch(req);
    return parts.hud(req, res);
  };
}
