// Server configuration from the environment, checked once at start so a typo fails loudly
// instead of running with a surprising default. README.md lists every variable.
import path from 'node:path';
import { DEFAULT_MAX_MESSAGE_BYTES } from './engine/limits';
import type { SyncMode } from './engine/sqlite/schema';

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  syncMode: SyncMode;
  maxMessageBytes: number;
  /** Largest request body (bytes): enough for 100 messages of the largest size, JSON-escaped. */
  maxRequestBytes: number;
  /** Serve the HUD through Next; off, the process serves only the wire API. */
  isHudEnabled: boolean;
  /** Base URL subscribers use to acknowledge pushes; defaults to this server's own address. */
  publicUrl: string | undefined;
  /** Reverse proxies whose X-Forwarded-* headers the HUD believes (address ranges); none by default. */
  trustedProxies: string | undefined;
  /** Open connections at most; further ones are refused until some close. */
  maxConnections: number;
  /** postgres:// URL: every store on PostgreSQL, shared by several instances; undefined keeps SQLite in dataDir. */
  databaseUrl: string | undefined;
  /** Run the SQLite queue store in a worker thread (FERRO_SQLITE_THREAD=1) instead of the main thread. */
  isStoreThreaded: boolean;
  metrics: {
    /** Serve /metrics on this port only (not on the main one); undefined keeps it on the main port. */
    port: number | undefined;
    /** When set, a scrape must carry `Authorization: Bearer <token>`. */
    token: string | undefined;
    /** Queues with series of their own; the rest are summed into queue="(other)". */
    maxQueues: number;
  };
  push: {
    /** Hard limit of one push request (ms). */
    requestTimeoutMs: number;
    /** Address ranges the pusher may not dial (see lib/push/address-policy.ts). */
    deny: string | undefined;
    /** When set, the only address ranges the pusher may dial. */
    allow: string | undefined;
  };
}

function integerFrom(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer between ${min} and ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function databaseUrlFrom(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  if (!/^postgres(ql)?:\/\//.test(raw)) throw new Error('FERRO_DATABASE_URL must be a postgres:// or postgresql:// URL');
  return raw;
}

export function readConfig(env: NodeJS.ProcessEnv, cwd: string): ServerConfig {
  const sync = (env.FERRO_SYNC ?? 'full').toLowerCase();
  if (sync !== 'full' && sync !== 'normal') throw new Error(`FERRO_SYNC must be full or normal, got ${JSON.stringify(sync)}`);
  const maxMessageBytes = integerFrom(env, 'FERRO_MAX_MESSAGE_BYTES', DEFAULT_MAX_MESSAGE_BYTES, 1024, 16 * 1024 * 1024);
  return {
    port: integerFrom(env, 'PORT', 8080, 0, 65535),
    host: env.HOST || '0.0.0.0',
    dataDir: path.resolve(cwd, env.FERRO_DATA_DIR || 'data'),
    syncMode: sync,
    maxMessageBytes,
    maxRequestBytes: Math.max(32 * 1024 * 1024, maxMessageBytes * 100 * 2),
    isHudEnabled: env.FERRO_HUD !== '0',
    publicUrl: env.FERRO_PUBLIC_URL || undefined,
    trustedProxies: env.FERRO_TRUSTED_PROXIES || undefined,
    maxConnections: integerFrom(env, 'FERRO_MAX_CONNECTIONS', 4_096, 16, 1_000_000),
    databaseUrl: databaseUrlFrom(env.FERRO_DATABASE_URL),
    isStoreThreaded: env.FERRO_SQLITE_THREAD === '1',
    metrics: {
      port: env.FERRO_METRICS_PORT ? integerFrom(env, 'FERRO_METRICS_PORT', 0, 0, 65535) : undefined,
      token: env.FERRO_METRICS_TOKEN || undefined,
      maxQueues: integerFrom(env, 'FERRO_METRICS_MAX_QUEUES', 100, 0, 10_000),
    },
    push: {
      requestTimeoutMs: integerFrom(env, 'FERRO_PUSH_TIMEOUT_MS', 10_000, 100, 120_000),
      deny: env.FERRO_PUSH_DENY,
      allow: env.FERRO_PUSH_ALLOW || undefined,
    },
  };
}
