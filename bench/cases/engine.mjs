// Case 6: engine-only throughput. Bundles engine-bench.ts with esbuild into a temp dir, runs it
// in its own node process (so the figures exclude HTTP and the load generator) and reads its JSON.
import { build } from 'esbuild';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { figure } from '../lib/report.mjs';

const run = promisify(execFile);

export const engine = {
  name: 'engine',
  title: 'engine in-process, no HTTP',
  async run(context) {
    const workDir = mkdtempSync(path.join(tmpdir(), 'ferro-bench-engine-'));
    try {
      const script = path.join(workDir, 'engine-bench.cjs');
      await build({
        entryPoints: [path.join(context.root, 'bench/engine-bench.ts')],
        outfile: script,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        packages: 'external',
        logLevel: 'warning',
      });
      const settings = {
        dbPath: path.join(workDir, 'queues.db'),
        messages: context.isQuick ? 50_000 : 1_000_000,
        maxMs: context.isQuick ? 3_000 : 15_000,
      };
      const { stdout } = await run(process.execPath, [script, JSON.stringify(settings)], {
        // The bundle lives outside the repo; external packages resolve from the repo's node_modules.
        env: { ...process.env, NODE_PATH: path.join(context.root, 'node_modules') },
        timeout: 4 * settings.maxMs,
      });
      const { post, consume } = JSON.parse(stdout);
      return {
        figures: [
          figure('engine', 'post, batch 100', post.perSecond, 'msg/s'),
          figure('engine', 'reserve 100 + delete', consume.perSecond, 'msg/s'),
        ],
        details: { post, consume },
      };
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  },
};
