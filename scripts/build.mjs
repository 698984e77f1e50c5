// Builds what `npm start` runs: the server bundles (dist/server.js and its worker threads, esbuild) and the HUD (next build).
// Each step is skipped when its output is newer than every source it depends on, so a second
// `npm start` or `npm test` costs nothing. Flags: --server-only skips the HUD, --force rebuilds.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const isForced = args.has('--force');

/** Newest modification time (ms) of any file under the given folders or files. */
function newestMtime(entries) {
  let newest = 0;
  const visit = (p) => {
    if (!existsSync(p)) return;
    const stat = statSync(p);
    if (stat.isDirectory()) {
      for (const name of readdirSync(p)) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        visit(path.join(p, name));
      }
    } else if (!/\.test\.tsx?$/.test(p)) {
      newest = Math.max(newest, stat.mtimeMs);
    }
  };
  for (const entry of entries) visit(path.join(root, entry));
  return newest;
}

function isStale(output, sources) {
  if (isForced || !existsSync(path.join(root, output))) return true;
  return statSync(path.join(root, output)).mtimeMs < newestMtime(sources);
}

const serverSources = ['lib', 'package.json', 'scripts/build.mjs'];
// Worker threads start from files: the store's and the HUD's threads are bundles of their own.
const serverEntries = {
  server: 'lib/server.ts',
  'store-worker': 'lib/engine/sqlite/store-worker.ts',
  'checkpoint-worker': 'lib/engine/sqlite/checkpoint-worker.ts',
  'hud-worker': 'lib/hud-thread/hud-worker.ts',
};
if (Object.keys(serverEntries).some((name) => isStale(`dist/${name}.js`, serverSources))) {
  await build({
    entryPoints: Object.fromEntries(Object.entries(serverEntries).map(([name, source]) => [name, path.join(root, source)])),
    outdir: path.join(root, 'dist'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    logLevel: 'warning',
  });
  console.log(`built ${Object.keys(serverEntries).map((name) => `dist/${name}.js`).join(', ')}`);
}

const hudSources = ['app', 'components', 'lib', 'types', 'public', 'proxy.ts', 'next.config.js', 'postcss.config.mjs', 'package.json'];
if (!args.has('--server-only') && isStale('.next/BUILD_ID', hudSources)) {
  const result = spawnSync(process.execPath, [path.join(root, 'node_modules/next/dist/bin/next'), 'build'], {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}
