// The Ferro process: one node:http server that answers the IronMQ wire API (/1/, /3/) itself,
// serves health checks and metrics, and hands every other request to the HUD, which Next runs in
// a thread of its own (lib/hud-thread), so API traffic never pays for Next's router or rendering. Built to dist/server.js by scripts/build.mjs;
// started by `npm start`.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { bootstrapFirstStart } from './auth/bootstrap';
import { prepareNextAuthEnv } from './auth/nextauth-secret';
import { readConfig } from './config';
import { applyConnectionLimits } from './connection-limits';
import { createForwardedHeaders } from './forwarded-headers';
import { createFrontDoor, logAnswered } from './front-door';
import { createHealthHandlers } from './health';
import { awaitingHud, startHudThread, type HudThread } from './hud-thread/hud-thread';
import { sendJson } from './ironmq/http';
import { createWireApi } from './ironmq/server';
import { componentLog, createLogger } from './log';
import { createMetricsHandler } from './metrics/endpoint';
import { startPusher } from './push/pusher';
import { startRuntime } from './runtime';
import { installShutdown } from './shutdown';

/** The address clients should use: a wildcard bind is reached through localhost. */
function publicUrl(host: string, port: number): URL {
  const name = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return new URL(`http://${name.includes(':') ? `[${name}]` : name}:${port}`);
}

/** Listens; resolves with the port actually bound (0 asks the system for a free one). */
async function listen(server: Server, port: number, host: string): Promise<number> {
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const address = server.address();
  return typeof address === 'object' && address ? address.port : port;
}

async function main(): Promise<void> {
  const logger = createLogger(process.env);
  const root = path.resolve(__dirname, '..');
  // The HUD's server page shows it; Next's bundles cannot read package.json themselves.
  process.env.FERRO_VERSION = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const config = readConfig(process.env, process.cwd());
  const runtime = await startRuntime(config, componentLog(logger, 'runtime'));
  const { metrics } = runtime;
  const wireApi = createWireApi({
    engine: runtime.engine,
    authenticate: (projectId, token) => runtime.auth.authenticate(projectId, token),
    maxRequestBytes: config.maxRequestBytes,
    log: componentLog(logger, 'api'),
    onAnswered(info) {
      metrics.observeRequest({ api: info.route.startsWith('/1/') ? 'v1' : 'v3', ...info });
      logAnswered(logger, 'wire', info);
    },
  });
  const metricsHandler = createMetricsHandler(metrics.registry, config.metrics.token);
  const hud = awaitingHud();
  const frontDoor = createFrontDoor(
    {
      wireApi,
      hud: config.isHudEnabled ? hud.handle : (_req, res) => sendJson(res, 404, { msg: 'Not found' }),
      forwarded: createForwardedHeaders(config.trustedProxies),
      health: createHealthHandlers({ store: runtime.engine.store, dataDir: config.dataDir, startedAtMs: runtime.startedAtMs }),
      metrics: config.metrics.port === undefined ? metricsHandler : undefined,
    },
    { logger, metrics },
  );

  // Timeouts (connection-limits.ts) are checked every 5 s rather than Node's default 30 s.
  const server = createServer({ connectionsCheckingInterval: 5_000 }, frontDoor);
  applyConnectionLimits(server, config.maxConnections);
  const servers = [server];
  // On PostgreSQL every instance signs HUD sessions with the key the database holds.
  if (config.isHudEnabled && !process.env.NEXTAUTH_SECRET && runtime.sessionSecret) process.env.NEXTAUTH_SECRET = await runtime.sessionSecret();
  const port = await listen(server, config.port, config.host);
  if (config.metrics.port !== undefined) {
    const metricsServer = createServer((req, res) => void metricsHandler(req, res));
    servers.push(metricsServer);
    logger.info({ port: await listen(metricsServer, config.metrics.port, config.host) }, 'metrics on their own port');
  }
  // Synchronous, right after listen: no request reaches Next before the session secret exists.
  const baseUrl = publicUrl(config.host, port);
  let hudThread: HudThread | undefined;
  if (config.isHudEnabled) {
    prepareNextAuthEnv(process.env, config.dataDir, baseUrl);
    hudThread = await startHudThread({
      root,
      workerScript: path.join(__dirname, 'hud-worker.js'),
      runtime,
      push: { deny: config.push.deny, allow: config.push.allow, requestTimeoutMs: config.push.requestTimeoutMs },
      onFatal(error) {
        logger.fatal({ err: error }, "the HUD's thread stopped; exiting");
        process.exit(1);
      },
    });
    hud.started(hudThread);
  }
  const firstStart = await bootstrapFirstStart(runtime.auth, process.env, baseUrl);
  // Printed once, for the person installing Ferro: the only output that is not a log line.
  if (firstStart) console.log(firstStart);
  const pusher = startPusher({
    engine: runtime.engine,
    policy: runtime.push.policy,
    publicBaseUrl: config.publicUrl ?? baseUrl.origin,
    requestTimeoutMs: config.push.requestTimeoutMs,
    log: componentLog(logger, 'pusher'),
    onAttempt: metrics.observePush,
  });
  installShutdown({ servers, runtime, pusher, hudThread, logger });
  logger.info({ dataDir: config.dataDir }, `Ferro listening on http://${config.host}:${port}`);
}

main().catch((error: unknown) => {
  console.error(JSON.stringify({ level: 60, time: new Date().toISOString(), msg: `failed to start: ${error instanceof Error ? error.message : String(error)}` }));
  process.exit(1);
});
