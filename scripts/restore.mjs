// `npm run restore -- DIR`: puts a backup made by `npm run backup` into an empty data directory
// (FERRO_DATA_DIR, default ./data), checking every database before the server may open it.
// It never writes into a data directory that already holds anything.
import Database from 'better-sqlite3';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { DATABASES, SECRET_FILES, dataDirOf, fail } from './backup-files.mjs';

const source = process.argv[2];
if (!source) fail('usage: npm run restore -- DIR   (into an empty FERRO_DATA_DIR)');
const manifestPath = path.join(source, 'manifest.json');
if (!existsSync(manifestPath)) fail(`${source} is not a Ferro backup (no manifest.json)`);
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
if (manifest.format !== 'ferro-backup/1') fail(`unknown backup format ${JSON.stringify(manifest.format)}`);
const dataDir = dataDirOf(process.env);
if (existsSync(dataDir) && readdirSync(dataDir).length > 0) fail(`${dataDir} is not empty: restore only into an empty data directory`);
mkdirSync(dataDir, { recursive: true });

for (const file of manifest.files) {
  if (!DATABASES.includes(file) && !SECRET_FILES.includes(file)) fail(`unexpected file ${file} in the backup`);
  copyFileSync(path.join(source, file), path.join(dataDir, file));
  if (SECRET_FILES.includes(file)) chmodSync(path.join(dataDir, file), 0o600);
  if (!DATABASES.includes(file)) continue;
  const db = new Database(path.join(dataDir, file), { fileMustExist: true });
  const verdict = db.pragma('integrity_check', { simple: true });
  db.close();
  if (verdict !== 'ok') fail(`${file} failed its integrity check: ${verdict}`);
}
console.log(`restored ${manifest.files.join(', ')} (backup of ${manifest.startedAt}) into ${dataDir}`);
