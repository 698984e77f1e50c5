// What a Ferro backup holds and where the data directory is, shared by backup.mjs and restore.mjs.
import path from 'node:path';

/** The SQLite databases of a data directory (lib/runtime.ts, lib/auth, lib/stats). */
export const DATABASES = ['queues.db', 'auth.db', 'stats.db'];
/** Plain files that belong with them: the key that signs HUD sessions. */
export const SECRET_FILES = ['nextauth-secret'];

/** FERRO_DATA_DIR as the server reads it: relative to the current directory, default ./data. */
export function dataDirOf(env) {
  return path.resolve(process.cwd(), env.FERRO_DATA_DIR || 'data');
}

export function fail(message) {
  console.error(message);
  process.exit(2);
}
