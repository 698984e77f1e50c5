// The benchmark orchestrator behind `npm run bench`: runs each case (or the one named by
// --case), prints a table of figures against targets and saves bench/results/latest.json.
// Flags: --quick (small counts, under a minute), --case <name>, --profile (server CPU profiles).
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backlog } from './cases/backlog.mjs';
import { consume } from './cases/consume.mjs';
import { engine } from './cases/engine.mjs';
import { hud } from './cases/hud.mjs';
import { inspector, redrive } from './cases/hud-push.mjs';
import { longPoll } from './cases/long-poll.mjs';
import { longPollLoad } from './cases/long-poll-load.mjs';
import { metrics } from './cases/metrics.mjs';
import { postHundred, postOne } from './cases/post.mjs';
import { pushLatency, pushOne, pushThree } from './cases/push.mjs';
import { pushBacklog } from './cases/push-backlog.mjs';
import { pushSubscribers } from './cases/push-subscribers.mjs';
import { measureForeignCpu } from './lib/machine.mjs';
import { formatTable, writeResults } from './lib/report.mjs';

const CASES = [postOne, postHundred, consume, longPoll, longPollLoad, backlog, engine, pushOne, pushThree, pushBacklog, pushLatency, pushSubscribers, hud, metrics, inspector, redrive];
/** Cores other processes may take during a case before its figures are flagged as disturbed. */
const DISTURBED_CORES = 0.2;
const benchDir = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(benchDir, '..');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    case: { type: 'string', multiple: true },
    profile: { type: 'boolean', default: false },
  },
});

const wanted = values.case?.flatMap((names) => names.split(',')) ?? CASES.map((c) => c.name);
const unknown = wanted.filter((name) => !CASES.some((c) => c.name === name));
if (unknown.length > 0) {
  console.error(`unknown case ${unknown.join(', ')}; cases: ${CASES.map((c) => c.name).join(', ')}`);
  process.exit(2);
}

const context = {
  root,
  isQuick: values.quick,
  profileDir: values.profile ? path.join(benchDir, 'results/profiles') : undefined,
};
if (context.profileDir) {
  rmSync(context.profileDir, { recursive: true, force: true });
  mkdirSync(context.profileDir, { recursive: true });
}

const figures = [];
const details = {};
const failures = {};
for (const benchCase of CASES.filter((c) => wanted.includes(c.name))) {
  const startMs = Date.now();
  const foreignCpu = measureForeignCpu();
  process.stdout.write(`${benchCase.name}: ${benchCase.title} ... `);
  try {
    const result = await benchCase.run(context);
    figures.push(...result.figures);
    // A case may report a worse figure for its timed phases than the average over the whole case.
    const otherProcessesCores = Math.max(foreignCpu.stop(), result.disturbanceCores ?? 0);
    details[benchCase.name] = { ...result.details, caseMs: Date.now() - startMs, otherProcessesCores };
    console.log(`done in ${((Date.now() - startMs) / 1000).toFixed(1)} s`);
  } catch (error) {
    failures[benchCase.name] = error instanceof Error ? error.stack : String(error);
    console.log(`FAILED\n${failures[benchCase.name]}`);
  }
}

const mode = context.isQuick ? 'quick' : 'full';
console.log(`\nFerro benchmark (${mode}${context.isQuick ? ': smoke run, figures are not meaningful' : ''})\n`);
console.log(formatTable(figures));
for (const [name, { otherProcessesCores }] of Object.entries(details)) {
  if (otherProcessesCores <= DISTURBED_CORES) continue;
  const share = `${otherProcessesCores} cores on average during ${name}`;
  console.log(`warning: other processes used ${share}; its figures are unreliable`);
}
const resultsFile = path.join(benchDir, 'results/latest.json');
writeResults(resultsFile, { mode, rows: figures, details, failures });
console.log(`\ndetails: ${path.relative(process.cwd(), resultsFile)}`);
if (context.profileDir) console.log(`server CPU profiles: ${path.relative(process.cwd(), context.profileDir)}`);
process.exitCode = Object.keys(failures).length > 0 ? 1 : 0;
