// Paths of the HUD and its BFF are checked before Next sees them. Next answers a malformed
// percent-escape with a bare 500, and turns a dot segment, an empty segment or a trailing slash
// into a 308 redirect that keeps the method and body, so a raw `DELETE …/queues/..` would land on
// `DELETE /api/projects/{id}`. No HUD or BFF URL needs any of these, so they are refused here.
import type { ServerResponse } from 'node:http';

/** Why this request's path is refused, or undefined to hand the request to Next. */
export function hudPathProblem(rawUrl: string): string | undefined {
  // `*` (OPTIONS *) and absolute-form targets name no page; Next would throw on them.
  if (!rawUrl.startsWith('/')) return 'The request target must be a path';
  const queryStart = rawUrl.indexOf('?');
  const path = queryStart < 0 ? rawUrl : rawUrl.slice(0, queryStart);
  const segments = path.split('/').slice(1);
  for (const [i, segment] of segments.entries()) {
    let decoded: string;
    try {
      decoded = decodeURIComponent(segment);
    } catch {
      return 'The URL path has malformed percent-encoding';
    }
    if (decoded === '.' || decoded === '..') return 'The URL path has a "." or ".." segment';
    if (segment === '' && i < segments.length - 1) return 'The URL path has an empty segment';
  }
  // A page's trailing slash is only redirected (GET); the BFF's writes must not be.
  if (path.startsWith('/api/') && path.endsWith('/')) return 'BFF paths do not end with a slash';
  return undefined;
}

/** Answers a refused path: JSON like every BFF error under /api/, a short page elsewhere. */
export function refuseHudPath(res: ServerResponse, rawUrl: string, problem: string): void {
  const isApi = rawUrl.startsWith('/api/');
  const body = isApi
    ? JSON.stringify({ code: 'BAD_REQUEST', msg: problem })
    : `<!doctype html><title>Bad request</title><h1>Bad request</h1><p>${problem.replace(/"/g, '&quot;')}.</p><p><a href="/">Go to the HUD</a></p>`;
  res.writeHead(400, {
    'Content-Type': isApi ? 'application/json' : 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}
