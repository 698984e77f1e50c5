// `npm run bench:peers`: Ferro beside the systems people would pick instead (beanstalkd in memory
// and with an fsynced binlog, RabbitMQ, BullMQ on Redis): the same workloads against each in one
// run on 127.0.0.1, one table, and bench/results/peers-latest.{json,md,svg}. Then Ferro alone:
// reserve latency with a large backlog (bench/cases/backlog.mjs, reused as it is).
// Flags: --quick (about a minute), --hud (Ferro with its HUD, as `npm start` runs it),
// --only <ids> (comma-separated: ferro, beanstalkd, beanstalkd-binlog, rabbitmq, bullmq, backlog),
// --rate <msg/s> (the mixed workload's producer rate instead of the chosen one),
// --balanced-rate <msg/s> (the balanced mixed workload's, instead of 1.2 × beanstalkd's consume rate).
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { backlog } from '../cases/backlog.mjs';
import { formatTable } from '../lib/report.mjs';
import { describeMachine } from './report/machine.mjs';
import { formatPeersTable } from './report/table.mjs';
import { writePeersResults } from './report/write.mjs';
import { addRatios, disturbances, failures } from './results.mjs';
import { runSession } from './session.mjs';
import { beanstalkd } from './systems/beanstalkd.mjs';
import { bullmq } from './systems/bullmq.mjs';
import { ferro } from './systems/ferro.mjs';
import { rabbitmq } from './systems/rabbitmq.mjs';
import { BATCH, PRODUCERS } from './workloads.mjs';

/** Counts per mode; `maxMs` caps each timed step, so a system far slower than the rest cannot stretch the run. */
const PLANS = {
  quick: { rounds: 1, count: 10_000, maxMs: 4_000, mixed: { durationMs: 4_000 } },
  full: { rounds: 3, count: 100_000, maxMs: 10_000, mixed: { durationMs: 15_000 } },
};
/** The mixed rate unless the slowest system measured needs a lower one. */
const MAX_MIXED_RATE = 2_000;
/** Cores other processes may take during a step before its figure is flagged. */
const DISTURBED_CORES = 0.2;
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    hud: { type: 'boolean', default: false },
    only: { type: 'string' },
    rate: { type: 'string' },
    'balanced-rate': { type: 'string' },
  },
});
const mode = values.quick ? 'quick' : 'full';
/** `runId` makes queue names unique on the shared RabbitMQ and Redis. */
const runId = `${process.pid.toString(36)}${Date.now().toString(36)}`;
const plan = { runId, batch: BATCH, producers: PRODUCERS, ...PLANS[mode] };
/** A rate flag's value in msg/s, or undefined when absent; exits on anything but a positive number. */
function rateFlag(name) {
  if (values[name] === undefined) return undefined;
  const rate = Number(values[name]);
  if (rate > 0) return rate;
  console.error(`--${name} must be a positive number of messages per second, not ${values[name]}`);
  process.exit(2);
}
const fixedRate = rateFlag('rate');
const fixedBalancedRate = rateFlag('balanced-rate');

// Every Ferro this run starts, ours and the backlog case's, inherits the durable setting.
process.env.FERRO_SYNC = 'full';
const systems = [
  ferro({ root, isHudEnabled: values.hud }),
  beanstalkd({ isDurable: false }),
  beanstalkd({ isDurable: true }),
  rabbitmq(),
  bullmq(),
];
const wanted = values.only?.split(',') ?? [...systems.map((system) => system.id), 'backlog'];
const unknown = wanted.filter((id) => id !== 'backlog' && !systems.some((system) => system.id === id));
if (unknown.length > 0) {
  console.error(`unknown system ${unknown.join(', ')}; systems: ${systems.map((s) => s.id).join(', ')}, backlog`);
  process.exit(2);
}

if (values.hud) {
  // The HUD needs the Next build that `npm run bench:peers` skips; build what is stale, as npm start does.
  const built = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}

// Servers this run started would outlive it (beanstalkd ignores its parent's exit), so every way
// out stops them first: a signal, or an error that escaped into an event handler.
let running = [];
async function stopAndExit(code, why) {
  console.log(`\n${why}: stopping ${running.map((system) => system.label).join(', ') || 'nothing'}`);
  for (const system of running) await system.stop().catch(() => {});
  process.exit(code);
}
for (const signal of ['SIGINT', 'SIGTERM']) process.once(signal, () => stopAndExit(130, signal));
process.once('uncaughtException', (error) => stopAndExit(1, error.stack));

const machine = describeMachine();
console.log(`Ferro beside its peers: ${mode} run, ${plan.rounds} round(s) of ${plan.count.toLocaleString('en-US')} messages`);
const hud = values.hud ? 'on (--hud)' : 'off (FERRO_HUD=0; --hud runs it with the HUD, as npm start does)';
console.log(`Ferro HUD ${hud}, FERRO_SYNC=full\n`);

const { results, mixedPlan, balancedPlan } = await runSession(systems.filter((system) => wanted.includes(system.id)), plan, {
  maxRate: MAX_MIXED_RATE,
  fixedRate,
  fixedBalancedRate,
  onRunning: (live) => (running = live),
  log: (line) => console.log(line),
});
plan.mixed = mixedPlan;
plan.balanced = balancedPlan;
addRatios(results);
const warnings = [...failures(results), ...disturbances(results, DISTURBED_CORES)];

let backlogResult;
if (wanted.includes('backlog')) {
  process.stdout.write('\nFerro: reserve latency with a backlog (bench/cases/backlog.mjs, HUD off) ... ');
  try {
    backlogResult = await backlog.run({ root, isQuick: values.quick });
    console.log('done');
  } catch (error) {
    backlogResult = { error: error.stack };
    console.log(`FAILED\n${error.stack}`);
  }
  if (backlogResult.disturbanceCores > DISTURBED_CORES) {
    warnings.push(`backlog: other processes used ${backlogResult.disturbanceCores} cores; its figures are unreliable`);
  }
}

const run = {
  finishedAt: new Date().toISOString(),
  mode,
  isHudEnabled: values.hud,
  machine,
  plan,
  systems: results,
  backlog: backlogResult,
  warnings,
};
console.log(`\n${formatPeersTable(run)}`);
if (backlogResult?.figures) console.log(`\nFerro, reserve n=1 with a backlog:\n${formatTable(backlogResult.figures)}`);
const files = writePeersResults(path.join(root, 'bench/results'), run);
console.log(`\nsaved ${Object.values(files).map((file) => path.relative(process.cwd(), file)).join(', ')}`);
process.exitCode = results.some((result) => result.failed) || backlogResult?.error ? 1 : 0;
