// The producer rates of the two paced mixed runs, chosen from what the throughput phase of the
// same run measured: a low one for latency, and a "balanced" one a little above what beanstalkd's
// consumers can take, to see whether each system's consumers keep up with it.
import { isPeer, medianRate } from './results.mjs';

/**
 * Share of the slowest measured 100 B produce or consume rate the mixed producers send at. A
 * mixed run produces and consumes at once, so a system that spends its time on writes (one fsync
 * per put and per delete) breaks even at half its rate; a quarter leaves it room.
 */
const MIXED_SHARE = 0.25;
/** Issue 10's bar: consumers keep up with producers at 1.2 × beanstalkd's reserve+delete rate. */
const BALANCED_FACTOR = 1.2;
/** The balanced rate is rounded up to this many significant digits: never below the factor, at most 1% above. */
const BALANCED_DIGITS = 3;

/** `value` rounded by `round` (Math.floor, Math.ceil) to `digits` significant digits, so a rate reads as chosen. */
function roundSignificant(value, digits, round) {
  const unit = 10 ** Math.max(0, Math.floor(Math.log10(value)) - (digits - 1));
  return round(value / unit) * unit;
}

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
  // Rounded down: never above the share.
  const rate = roundSignificant(slowest.rate * MIXED_SHARE, 2, Math.floor);
  const measured = `${slowest.label}: ${slowest.rate.toLocaleString('en-US')} msg/s`;
  const reason = `a quarter of the slowest 100 B produce or consume rate in this run (${measured}); ${maxRate} msg/s would be more`;
  return { rate, reason };
}

/**
 * The rate for the balanced mixed run: 1.2 × beanstalkd (memory)'s median consume + ack 100 B
 * rate, or the fastest peer's when beanstalkd was not measured. Returns { rate, reason }, or
 * { reason } alone when no peer measured a consume rate (the run then has no balanced figures).
 */
export function chooseBalancedRate(results) {
  const measured = results
    .filter((result) => result.steps && isPeer(result))
    .map(({ id, label, steps }) => ({ id, label, rate: medianRate(steps, 'consume-100b') }))
    .filter(({ rate }) => rate > 0);
  const beanstalkd = measured.find(({ id }) => id === 'beanstalkd');
  const basis = beanstalkd ?? measured.sort((a, b) => b.rate - a.rate)[0];
  if (!basis) return { reason: 'no peer measured its consume rate in this run; --balanced-rate sets one' };
  const rateText = `${basis.rate.toLocaleString('en-US')} msg/s`;
  const basisText = beanstalkd
    ? `beanstalkd (memory)'s consume + ack 100 B rate in this run, ${rateText}`
    : `the fastest peer's consume + ack 100 B rate in this run, ${basis.label}'s ${rateText}; beanstalkd (memory) was not measured`;
  return {
    rate: roundSignificant(basis.rate * BALANCED_FACTOR, BALANCED_DIGITS, Math.ceil),
    reason: `${BALANCED_FACTOR} × ${basisText}`,
  };
}
