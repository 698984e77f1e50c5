// `npm run backup -- DIR`: a consistent online backup of a Ferro data directory (FERRO_DATA_DIR,
// default ./data) while the server keeps serving. Each database is copied with SQLite's online
// backup API in one step, so the copy is one committed state of it; DIR receives the databases,
// the HUD's session secret and a manifest. Restore with `npm run restore -- DIR`.
import Database from 'better-sqlite3';
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DATABASES, SECRET_FILES, dataDirOf, fail } from './backup-files.mjs';

const target = process.argv[2];
if (!target) fail('usage: npm run backup -- DIR   (DIR must not exist yet, or be empty)');
const dataDir = dataDirOf(process.env);
if (!existsSync(path.join(dataDir, 'queues.db'))) fail(`no Ferro data in ${dataDir} (set FERRO_DATA_DIR)`);
if (existsSync(target) && readdirSync(target).length > 0) fail(`${target} is not empty: a backup never overwrites`);
mkdirSync(target, { recursive: true });

const startedAt = new Date();
const copied = [];
for (const file of DATABASES) {
  const source = path.join(dataDir, file);
  if (!existsSync(source)) continue;
  const db = new Database(source, { readonly: true, fileMustExist: true });
  try {
    // All pages in one step: a single read transaction, so concurrent commits cannot restart it
    // or mix two states into the copy.
    await db.backup(path.join(target, file), { progress: () => Number.MAX_SAFE_INTEGER });
  } finally {
    db.close();
  }
  copied.push(file);
}
for (const file of SECRET_FILES) {
  if (!existsSync(path.join(dataDir, file))) continue;
  copyFileSync(path.join(dataDir, file), path.join(target, file));
  copied.push(file);
}
writeFileSync(path.join(target, 'manifest.json'), `${JSON.stringify({ format: 'ferro-backup/1', startedAt: startedAt.toISOString(), finishedAt: new Date().toISOString(), from: dataDir, files: copied }, null, 2)}\n`);
console.log(`backed up ${copied.join(', ')} from ${dataDir} to ${target} (state as of ${startedAt.toISOString()} or later)`);
