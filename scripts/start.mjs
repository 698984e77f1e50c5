// `npm start`: build whatever is missing or out of date, then run the single Ferro process
// (wire API fast path + HUD) in the foreground so signals reach it directly.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const isHudEnabled = process.env.FERRO_HUD !== '0';
const buildArgs = [path.join(root, 'scripts/build.mjs'), ...(isHudEnabled ? [] : ['--server-only'])];
const built = spawnSync(process.execPath, buildArgs, { cwd: root, stdio: 'inherit' });
if (built.status !== 0) process.exit(built.status ?? 1);

process.chdir(root);
process.env.NODE_ENV ??= 'production';
await import(path.join(root, 'dist/server.js'));
