// The Ferro process: one node:http server that answers the IronMQ wire API (/1/, /3/) itself
// and hands every other request to Next's handler (the HUD), so API traffic never pays for
// Next's router. Built to dist/server.js by scripts/build.mjs; started by `npm start`.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import { bootstrapFirstStart } from './auth/bootstrap';
import { hudPathProblem, refuseHudPath } from './hud-path-guard';
import { prepareNextAuthEnv } from './auth/nextauth-secret';
import { readConfig } from './config';
import { createWireApi, isWireApiPath } from './ironmq/server';
import { sendJson } from './ironmq/http';
import { createAddressPolicy } from './push/address-policy';
import { startPusher } from './push/pusher';
import { startRuntime } from './runtime';

type RequestHandler = (req: IncomingMessage, res: ServerResponse) => void | Promise<void>;

const log = (line: string) => console.error(`[ferro] ${line}`);

/** Next's request handler for the HUD, or a JSON 404 when the HUD is switched off. */
async function loadHud(isEnabled: boolean, root: string): Promise<RequestHandler> {
  if (!isEnabled) return (_req, res) => sendJson(res, 404, { msg: 'Not found' });
  const { default: next } = await import('next');
  const app = next({ dev: false, dir: root });
  await app.prepare();
  return app.getRequestHandler();
}

/** The address clients should use: a wildcard bind is reached through localhost. */
function publicUrl(host: string, port: number): URL {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return new URL(`http://${name.includes(':') ? `[${name}]` : name}:${port}`);
}

async function main(): Promise<void> {
  const root = path.resolve(__dirname, '..');
  const config = readConfig(process.env, process.cwd());
  const runtime = startRuntime(config, log);
  const wireApi = createWireApi({
    engine: runtime.engine,
    authenticate: (projectId, token) => runtime.auth.authenticate(projectId, token),
    maxRequestBytes: config.maxRequestBytes,
    log,
  });
  const hud = await loadHud(config.isHudEnabled, root);

  const server = createServer((req, res) => {
    const url = req.url ?? '/';
    if (isWireApiPath(url)) return wireApi(req, res);
    const problem = hudPathProblem(url);
    if (problem) return refuseHudPath(res, url, problem);
    void hud(req, res);
  });
  // Long polls hold a request for up to 30 s; clients keep connections alive between calls.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.requestTimeout = 120_000;

  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  // Synchronous, right after listen: no request reaches Next before the session secret exists.
  if (config.isHudEnabled) prepareNextAuthEnv(process.env, config.dataDir, publicUrl(config.host, port));
  const baseUrl = publicUrl(config.host, port);
  const firstStart = await bootstrapFirstStart(runtime.auth, process.env, baseUrl);
  if (firstStart) console.log(firstStart);
  const pusher = startPusher({
    engine: runtime.engine,
    policy: createAddressPolicy({ deny: config.push.deny, allow: config.push.allow }),
    publicBaseUrl: config.publicUrl ?? baseUrl.origin,
    requestTimeoutMs: config.push.requestTimeoutMs,
    log,
  });
  console.log(`Ferro listening on http://${config.host}:${port} (data in ${config.dataDir})`);

  const shutdown = () => {
    server.close();
    server.closeAllConnections();
    pusher
      .stop()
      .then(() => runtime.close())
      .then(
        () => process.exit(0),
        () => process.exit(1),
      );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  log(`failed to start: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
