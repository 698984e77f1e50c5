// One PostgreSQL database (and schema) shared by every store of a Ferro instance: a connection
// pool, transactions that retry the conflicts PostgreSQL resolves by aborting one side (deadlock,
// serialization failure), and the mapping of an unreachable database to STORAGE_UNAVAILABLE.
// Statements are named after their text, so each connection parses and plans each one once.
import { createHash } from 'node:crypto';
import pg from 'pg';
import { EngineError } from '../errors';
import { applyMigrations, type Migration } from './migrations';
import { asPostgresStorageError, isPostgresUnavailable } from './storage-errors';

export interface PostgresOptions {
  /** postgres://user:password@host:port/database */
  connectionString: string;
  /** Schema holding Ferro's tables; `public` by default. Tests give each data set its own. */
  schema?: string;
  /** Connections at most in this process's pool. */
  maxConnections?: number;
  /** Hears each committed write transaction's duration (ms), for the commit-latency metric. */
  onCommit?: (batchSize: number, durationMs: number) => void;
}

/** The statements of one transaction or one read, on one connection. */
export interface Sql {
  rows<R>(text: string, params?: unknown[]): Promise<R[]>;
  row<R>(text: string, params?: unknown[]): Promise<R | undefined>;
  /** Runs a statement; resolves with the number of rows it touched. */
  run(text: string, params?: unknown[]): Promise<number>;
}

/**
 * Thrown by a transaction's work when an optimistic check failed (the queue changed under it):
 * the transaction rolls back and runs again from the start.
 */
export class RetryTransaction extends Error {
  constructor(reason: string) {
    super(reason);
    this.name = 'RetryTransaction';
  }
}

/** deadlock_detected, serialization_failure: PostgreSQL aborted one side, the other went through. */
const RETRYABLE_SQLSTATES = new Set(['40P01', '40001']);
const MAX_ATTEMPTS = 20;

// Every bigint this schema holds (ids, epoch ms, counts) is below 2^53: read them as numbers.
const TYPES = {
  getTypeParser(oid: number, format?: string) {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

const statementNames = new Map<string, string>();
function named(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `f${createHash('sha1').update(text).digest('hex').slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

function sqlOn(client: pg.PoolClient): Sql {
  const query = <R>(text: string, params: unknown[] = []) =>
    client.query<R & pg.QueryResultRow>({ name: named(text), text, values: params });
  return {
    async rows<R>(text: string, params?: unknown[]) {
      return (await query<R>(text, params)).rows as R[];
    },
    async row<R>(text: string, params?: unknown[]) {
      return (await query<R>(text, params)).rows[0] as R | undefined;
    },
    async run(text: string, params?: unknown[]) {
      return (await query(text, params)).rowCount ?? 0;
    },
  };
}

export class PostgresDatabase {
  readonly pool: pg.Pool;
  readonly schema: string;
  private readonly onCommit: (batchSize: number, durationMs: number) => void;
  private isClosed = false;

  constructor(readonly options: PostgresOptions) {
    this.schema = options.schema ?? 'public';
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.schema)) throw new Error(`Invalid schema name ${JSON.stringify(this.schema)}`);
    this.onCommit = options.onCommit ?? (() => {});
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.maxConnections ?? 16,
      // A request waits at most this long for a connection before it answers 503.
      connectionTimeoutMillis: 10_000,
      idleTimeoutMillis: 30_000,
      types: TYPES,
      // No bitmap scans: planned on statistics that lag a queue filling up (a table analysed when
      // nearly empty), taking the front of a queue was planned as a bitmap scan of every ready
      // message of the queue plus a sort, instead of reading the (qid, id) index in order: each
      // reserve read the whole queue (consume 6× slower at 100,000 messages). Every query here
      // has a B-tree index to walk.
      options: `-c search_path=${this.schema} -c enable_bitmapscan=off`,
      application_name: 'ferro',
    });
    // A pooled connection that breaks while idle must not crash the process; the next checkout reconnects.
    this.pool.on('error', () => {});
  }

  /** Applies `component`'s migrations that this schema has not had yet (migrations.ts). */
  migrate(component: string, migrations: Migration[]): Promise<void> {
    return this.withClient(async (client) => applyMigrations(client, sqlOn(client), this.schema, component, migrations));
  }

  /**
   * Runs `work` as one transaction and resolves once COMMIT returned. A deadlock, a serialization
   * failure or a RetryTransaction runs it again from the start, so `work` must have no effect
   * outside the database before it resolves. EngineErrors pass through after the rollback.
   */
  async transaction<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt += 1) {
      const startedAt = performance.now();
      let phase: 'work' | 'commit' = 'work';
      const outcome = await this.withClient<{ value: T } | { isRetry: true }>(async (client) => {
        await client.query('BEGIN');
        try {
          const value = await work(sqlOn(client));
          phase = 'commit';
          await client.query('COMMIT');
          return { value };
        } catch (error) {
          if (phase === 'work') await client.query('ROLLBACK').catch(() => {});
          const isRetry = error instanceof RetryTransaction || RETRYABLE_SQLSTATES.has(String((error as { code?: unknown })?.code));
          if (isRetry && attempt < MAX_ATTEMPTS) return { isRetry: true };
          throw error;
        }
      }, () => phase === 'commit');
      if ('value' in outcome) {
        this.onCommit(1, performance.now() - startedAt);
        return outcome.value;
      }
      // Back off a little, more each time, so two retrying transactions stop meeting.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * attempt * 2));
    }
  }

  /** Runs reads (each statement on its own, no transaction) on one connection. */
  read<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.withClient((client) => work(sqlOn(client)));
  }

  /**
   * One writing statement on its own (atomic by itself, committed when it returns): a lost
   * connection leaves its outcome unknown, and the error says so.
   */
  statement<T>(work: (sql: Sql) => Promise<T>): Promise<T> {
    return this.withClient(async (client) => {
      const startedAt = performance.now();
      const value = await work(sqlOn(client));
      this.onCommit(1, performance.now() - startedAt);
      return value;
    }, () => true);
  }

  /** One statement outside any transaction. */
  rows<R>(text: string, params?: unknown[]): Promise<R[]> {
    return this.read((sql) => sql.rows<R>(text, params));
  }

  async close(): Promise<void> {
    if (this.isClosed) return;
    this.isClosed = true;
    await this.pool.end();
  }

  /**
   * Checks out a connection for `work`; a connection whose socket failed is destroyed, not
   * returned to the pool, and the failure becomes STORAGE_UNAVAILABLE.
   */
  private async withClient<T>(work: (client: pg.PoolClient) => Promise<T>, isCommitting: () => boolean = () => false): Promise<T> {
    if (this.isClosed) throw new EngineError('STORAGE_UNAVAILABLE', 'Storage is unavailable: the database connection is closed');
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw asPostgresStorageError(error, false, true);
    }
    try {
      const result = await work(client);
      client.release();
      return result;
    } catch (error) {
      client.release(isPostgresUnavailable(error) ? (error as Error) : undefined);
      throw asPostgresStorageError(error, isCommitting());
    }
  }
}
