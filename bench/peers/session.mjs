// Runs the selected systems side by side: starts every one (a system that cannot start is
// skipped with its reason), measures all their throughput, picks the two mixed rates from what
// was measured, runs both mixed workloads on each, and always stops what it started.
import { measureMixed, measureThroughput, readServerMemory } from './measure-system.mjs';
import { chooseBalancedRate, chooseMixedRate } from './rates.mjs';
import { figuresOf } from './results.mjs';
import { SkipError } from './system.mjs';

/**
 * The two paced mixed runs, in order. The low-rate one measures latency; the balanced one whether
 * consumers keep up with producers at a rate above beanstalkd's best. `key` names the run's plan
 * and its entry in each system's result, `step` its step, `title` the run in the log.
 */
const PACED_RUNS = [
  { key: 'mixed', step: 'mixed', title: 'mixed' },
  { key: 'balanced', step: 'balanced-mixed', title: 'balanced mixed' },
];

/** Records why a system left the run: a SkipError is its absence; anything else is a failure, kept with its stack. */
function leave(result, error, log) {
  if (error instanceof SkipError) result.skipped = error.message;
  else Object.assign(result, { failed: error.message, error: error.stack });
  log(`${result.label}: ${result.skipped ? `skipped: ${result.skipped}` : `FAILED: ${error.stack}`}`);
}

/** Runs `phase(system, result)` on every system still in the run; a failure takes that system out. */
async function eachRemaining(entries, phase, log) {
  for (const [system, result] of entries) {
    if (result.skipped || result.failed) continue;
    try {
      await phase(system, result);
    } catch (error) {
      leave(result, error, log);
    }
  }
}

/** The plans of both mixed runs: `--rate` and `--balanced-rate` win over the rates chosen from `results`. */
function pacedPlans(results, durationMs, { maxRate, fixedRate, fixedBalancedRate }) {
  const mixed = fixedRate ? { rate: fixedRate, reason: 'set by --rate' } : chooseMixedRate(results, maxRate);
  const balanced = fixedBalancedRate ? { rate: fixedBalancedRate, reason: 'set by --balanced-rate' } : chooseBalancedRate(results);
  return {
    mixed: { durationMs, rate: mixed.rate, rateReason: mixed.reason },
    balanced: { durationMs, rate: balanced.rate, rateReason: balanced.reason },
  };
}

/**
 * Returns one result per system (figures, steps, or why it was skipped or failed) and the plans
 * of the two mixed runs it chose (`balancedPlan.rate` is undefined when it chose none).
 * `onRunning` hears which systems are live, so a signal handler can stop them.
 */
export async function runSession(systems, plan, { onRunning, log, ...rates }) {
  const entries = systems.map((system) => [system, { id: system.id, label: system.label }]);
  const live = [];
  let plans;
  try {
    await eachRemaining(entries, async (system) => {
      live.push(system);
      onRunning(live);
      await system.start();
      log(`${system.label}: ${system.durability}`);
    }, log);
    await eachRemaining(entries, async (system, result) => {
      result.steps = [];
      await measureThroughput(system, plan, { steps: result.steps, log: (line) => log(`${system.label}: ${line}`) });
    }, log);
    const results = entries.map(([, result]) => result);
    plans = pacedPlans(results, plan.mixed.durationMs, rates);
    const isAnyLeft = results.some((result) => !result.skipped && !result.failed);
    for (const { key, step, title } of PACED_RUNS) {
      const pacing = plans[key];
      const what = pacing.rate ? `${pacing.rate} msg/s for ${pacing.durationMs / 1000} s` : 'not run';
      if (isAnyLeft) log(`${title} workload: ${what} (${pacing.rateReason})`);
      if (!pacing.rate) continue;
      await eachRemaining(entries, async (system, result) => {
        result[key] = await measureMixed(system, { runId: plan.runId, step, pacing }, log);
        result.steps.push(result[key]);
      }, log);
    }
    // Read last, so it covers both mixed runs.
    await eachRemaining(entries, async (system, result) => {
      result.memory = readServerMemory(system);
    }, log);
  } finally {
    // stop() also cleans up after a start() that failed half-way.
    for (const system of live.reverse()) await system.stop().catch((error) => log(`stopping ${system.label}: ${error.message}`));
    onRunning([]);
  }
  const results = entries.map(([system, result]) => finish(system, result));
  return { results, mixedPlan: plans?.mixed, balancedPlan: plans?.balanced };
}

/** Adds the system's durability and acknowledgement, and its figures from whatever it measured. */
function finish({ durability, durabilityTag, acknowledgement }, result) {
  Object.assign(result, { durability, durabilityTag, acknowledgement });
  // A system that failed part-way still shows what it measured before.
  if (result.steps) result.figures = figuresOf(result);
  return result;
}
