// Runs the selected systems side by side: starts every one (a system that cannot start is
// skipped with its reason), measures all their throughput, picks the mixed rate from what was
// measured, runs the mixed workload on each, and always stops what it started.
import { measureMixed, measureThroughput } from './measure-system.mjs';
import { figuresOf, medianRate } from './results.mjs';
import { SkipError } from './system.mjs';

/**
 * Share of the slowest measured 100 B produce or consume rate the mixed producers send at. A
 * mixed run produces and consumes at once, so a system that spends its time on writes (one fsync
 * per put and per delete) breaks even at half its rate; a quarter leaves it room.
 */
const MIXED_SHARE = 0.25;

/** The rate for the mixed run: `maxRate`, or a quarter of the slowest 100 B throughput when that is lower. */
export function chooseMixedRate(results, maxRate) {
  const slowest = results
    .filter((result) => result.steps)
    .flatMap(({ label, steps }) => ['produce-100b', 'consume-100b'].map((id) => ({ label, rate: medianRate(steps, id) })))
    .filter(({ rate }) => rate > 0)
    .sort((a, b) => a.rate - b.rate)[0];
  if (!slowest || slowest.rate * MIXED_SHARE >= maxRate) {
    return { rate: maxRate, reason: `${maxRate} msg/s, at most a quarter of every system's measured rate` };
  }
  // Rounded down to two significant digits: a rate that reads as chosen, and never above the share.
  const share = slowest.rate * MIXED_SHARE;
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(share)) - 1);
  const rate = Math.floor(share / unit) * unit;
  const measured = `${slowest.label}: ${slowest.rate.toLocaleString('en-US')} msg/s`;
  const reason = `a quarter of the slowest 100 B produce or consume rate in this run (${measured}); ${maxRate} msg/s would be more`;
  return { rate, reason };
}

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

/**
 * Returns one result per system (figures, steps, or why it was skipped or failed) and the mixed
 * plan it chose. `onRunning` hears which systems are live, so a signal handler can stop them.
 */
export async function runSession(systems, plan, { maxRate, fixedRate, onRunning, log }) {
  const entries = systems.map((system) => [system, { id: system.id, label: system.label }]);
  const live = [];
  let mixedPlan;
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
    const { rate, reason } = fixedRate ? { rate: fixedRate, reason: 'set by --rate' } : chooseMixedRate(results, maxRate);
    mixedPlan = { ...plan.mixed, rate, rateReason: reason };
    const isAnyLeft = results.some((result) => !result.skipped && !result.failed);
    if (isAnyLeft) log(`mixed workload: ${rate} msg/s for ${mixedPlan.durationMs / 1000} s (${reason})`);
    await eachRemaining(entries, async (system, result) => {
      Object.assign(result, await measureMixed(system, { ...plan, mixed: mixedPlan }, log));
      result.steps.push(result.mixed);
    }, log);
  } finally {
    // stop() also cleans up after a start() that failed half-way.
    for (const system of live.reverse()) await system.stop().catch((error) => log(`stopping ${system.label}: ${error.message}`));
    onRunning([]);
  }
  return { results: entries.map(([system, result]) => finish(system, result)), mixedPlan };
}

/** Adds the system's durability and acknowledgement, and its figures from whatever it measured. */
function finish({ durability, durabilityTag, acknowledgement }, result) {
  Object.assign(result, { durability, durabilityTag, acknowledgement });
  // A system that failed part-way still shows what it measured before.
  if (result.steps) result.figures = figuresOf(result);
  return result;
}
