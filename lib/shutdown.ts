// Graceful shutdown on SIGTERM (or SIGINT): stop accepting connections, answer every waiting
// long poll at once with what it finds, let requests in flight and push attempts finish (within
// a grace period), flush and close the stores, exit 0. A second signal exits at once.
import type { Server } from 'node:http';
import type { Logger } from 'pino';
import type { HudThread } from './hud-thread/hud-thread';
import type { Pusher } from './push/pusher';
import type { Runtime } from './runtime-access';

/** Requests in flight may take this long to finish before their connections are cut. */
const REQUEST_GRACE_MS = 10_000;

export function installShutdown(parts: { servers: Server[]; runtime: Runtime; pusher: Pusher; hudThread?: HudThread; logger: Logger }): void {
  const { servers, runtime, pusher, hudThread, logger } = parts;
  let isStopping = false;

  const serversClosed = () =>
    Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));

  async function stop(signal: string): Promise<void> {
    if (isStopping) {
      logger.warn({ signal }, 'second signal: exiting at once');
      process.exit(1);
    }
    isStopping = true;
    logger.info({ signal }, 'shutting down: no new connections; long polls answered; requests in flight finish');
    const closed = serversClosed();
    for (const server of servers) server.closeIdleConnections();
    runtime.engine.changes.endLongPolls();
    const timer = setTimeout(() => {
      logger.warn(`requests still in flight after ${REQUEST_GRACE_MS} ms: closing their connections`);
      for (const server of servers) server.closeAllConnections();
    }, REQUEST_GRACE_MS);
    await closed;
    clearTimeout(timer);
    // No HUD request is left: every connection that could carry one has closed.
    await hudThread?.close();
    await pusher.stop();
    await runtime.close();
    logger.info('stopped');
    process.exit(0);
  }

  const onSignal = (signal: string) => {
    stop(signal).catch((error: unknown) => {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    });
  };
  process.on('SIGTERM', () => onSignal('SIGTERM'));
  process.on('SIGINT', () => onSignal('SIGINT'));
}
