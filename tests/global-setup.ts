// Builds the server bundle the API tests start (dist/server.js) before any test file runs, so
// running one test file after an edit never tests a stale build. The build skips itself when
// dist/server.js is newer than every source, so a run without changes pays only a file walk.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(__dirname, '..');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs'), '--server-only'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`building dist/server.js failed (exit ${build.status})`);
}
