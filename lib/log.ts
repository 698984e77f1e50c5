// The server's log: one JSON object per line on stdout (pino), at FERRO_LOG_LEVEL (default
// `info`). Lines carry a message and fields such as the request id, route, status, duration and
// project id — never a token or a message body. Background parts get a line-taking function
// bound to their component name, so they stay free of the logging library.
import pino, { type Logger } from 'pino';

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

export function createLogger(env: NodeJS.ProcessEnv): Logger {
  const level = (env.FERRO_LOG_LEVEL || 'info').toLowerCase();
  if (!LEVELS.includes(level)) throw new Error(`FERRO_LOG_LEVEL must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(level)}`);
  return pino({ level, base: { service: 'ferro' }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** A `(line) => void` for a background component, logging at warn: it reports what went wrong. */
export function componentLog(logger: Logger, component: string): (line: string) => void {
  const child = logger.child({ component });
  return (line) => child.warn(line);
}
