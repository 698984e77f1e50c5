// Versioned schema migrations, applied on start by every instance. Each component (queues, auth,
// stats, alerts, settings) has its own numbered list; `ferro_migrations` records what a schema has.
// The whole check-and-apply runs in one transaction under an advisory lock on the schema, so
// instances starting at once wait for each other: the first applies, the others find it done.
// Migrations are append-only: a released one is never edited, a change is a new version.
import type pg from 'pg';
import type { Sql } from './database';

export interface Migration {
  /** 1, 2, 3, … in order; never reused. */
  version: number;
  /** What it does, for the record. */
  description: string;
  /** One or more statements, run in the migration's transaction. */
  sql: string;
}

const LEDGER = `
CREATE TABLE IF NOT EXISTS ferro_migrations (
  component   TEXT    NOT NULL,
  version     INTEGER NOT NULL,
  description TEXT    NOT NULL,
  applied_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
  PRIMARY KEY (component, version)
)`;

export async function applyMigrations(client: pg.PoolClient, sql: Sql, schema: string, component: string, migrations: Migration[]): Promise<void> {
  await client.query('BEGIN');
  try {
    // Held until COMMIT: a concurrent start waits here, then sees what this one applied.
    await sql.run("SELECT pg_advisory_xact_lock(hashtext('ferro:migrations:' || $1::text))", [schema]);
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    await client.query(LEDGER);
    const applied = new Set(
      (await sql.rows<{ version: number }>('SELECT version FROM ferro_migrations WHERE component = $1', [component])).map((row) => row.version),
    );
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      // Simple protocol: a migration may hold several statements.
      await client.query(migration.sql);
      await sql.run('INSERT INTO ferro_migrations (component, version, description) VALUES ($1, $2, $3)', [
        component,
        migration.version,
        migration.description,
      ]);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
