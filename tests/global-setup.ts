// Builds what the tests start before any test file runs: the server bundle (dist/server.js) for
// the API tests and the HUD (.next) for the fault probes that fuzz and attack the BFF, so running
// one test file after an edit never tests a stale build, and no two test files ever build at
// once. Each build skips itself when it is newer than every source.
import { spawnSync } from 'node:child_process';
import path from 'node:path';

export default function setup(): void {
  const root = path.resolve(__dirname, '..');
  const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`building the server and the HUD failed (exit ${build.status})`);
}
