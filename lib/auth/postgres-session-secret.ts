// The HUD's session signing key, kept in the database when several instances share it: each
// instance must sign and read the others' session cookies, so a key file in one instance's data
// directory (nextauth-secret.ts) will not do. The first instance to start creates the key; an
// insert that loses the race reads the winner's. NEXTAUTH_SECRET, when set, still takes precedence.
import { randomBytes } from 'node:crypto';
import type { PostgresDatabase } from '../engine/postgres/database';
import type { Migration } from '../engine/postgres/migrations';

const SETTINGS_COMPONENT = 'settings';
const SETTINGS_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'server-wide settings shared by every instance',
    sql: 'CREATE TABLE ferro_settings (name TEXT PRIMARY KEY, value TEXT NOT NULL)',
  },
];

/** The shared session secret, created (32 random bytes, base64url) by the first caller. */
export async function readOrCreateSessionSecret(database: PostgresDatabase): Promise<string> {
  await database.migrate(SETTINGS_COMPONENT, SETTINGS_MIGRATIONS);
  await database.rows("INSERT INTO ferro_settings (name, value) VALUES ('nextauth_secret', $1) ON CONFLICT (name) DO NOTHING", [
    randomBytes(32).toString('base64url'),
  ]);
  const [row] = await database.rows<{ value: string }>("SELECT value FROM ferro_settings WHERE name = 'nextauth_secret'");
  return row.value;
}
