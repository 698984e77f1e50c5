// GET /metrics in the Prometheus text format. With FERRO_METRICS_TOKEN set, a scrape must carry
// `Authorization: Bearer <token>`, compared in constant time; without it the endpoint is open
// (bind it to a private port with FERRO_METRICS_PORT instead, if that suits the network better).
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Registry } from 'prom-client';

const digest = (text: string) => createHash('sha256').update(text).digest();

export function createMetricsHandler(registry: Registry, token: string | undefined) {
  const expected = token ? digest(`Bearer ${token}`) : undefined;
  return async function serveMetrics(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (expected && !timingSafeEqual(digest(req.headers.authorization ?? ''), expected)) {
      res.writeHead(401, { 'Content-Type': 'application/json', 'WWW-Authenticate': 'Bearer' });
      res.end(JSON.stringify({ msg: 'A bearer token is required' }));
      return;
    }
    try {
      const body = await registry.metrics();
      res.writeHead(200, { 'Content-Type': registry.contentType, 'Cache-Control': 'no-store' });
      res.end(body);
    } catch (error) {
      res.writeHead(503, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ msg: `Metrics unavailable: ${error instanceof Error ? error.message : String(error)}` }));
    }
  };
}
