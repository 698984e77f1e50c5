// Runs one started system through the workloads in two phases: throughput first (an untimed
// warm-up, then rounds on fresh queues), and later, once every system's throughput is known and
// the mixed rates can be chosen, each paced mixed run; then the server's memory at the end.
// Every timed step records the cores other processes used meanwhile, so a disturbed figure can
// be flagged.
import { measureCpuShares, measureForeignCpu } from '../lib/machine.mjs';
import { readMemoryMb } from '../lib/server.mjs';
import { BATCH, consume, mixed, produce } from './workloads.mjs';

const SMALL_BYTES = 100;
/** Body sizes of the throughput workloads, by the label their figures carry. */
const BODY_BYTES = { '100b': SMALL_BYTES, '1kib': 1024 };
/**
 * The untimed warm-up: a fifth of a round's messages, or what fits in WARMUP_MAX_MS. It loads Lua
 * scripts and queue processes, and lets V8 optimise Ferro's hot paths: without it Ferro's first
 * round ran at under half the rate of its third.
 */
const WARMUP_SHARE = 0.2;
const WARMUP_MAX_MS = 3_000;

/** Opens a queue, runs `body` on it and always drops the queue, so shared servers keep nothing. */
async function withQueue(system, name, body) {
  const queue = await system.openQueue(name);
  try {
    return await body(queue);
  } finally {
    await queue.drop();
  }
}

/**
 * Runs one step and records the cores other processes used meanwhile, and the CPU time (seconds)
 * of the system's server processes and of the load generator (this process): on two shared cores
 * a rate is bounded by their sum per message, so these say whose share limits it.
 */
async function timedStep(system, name, run) {
  const foreignCpu = measureForeignCpu(system.pids());
  const shares = measureCpuShares(system.pids());
  const result = { step: name, ...(await run()) };
  const { named, self } = shares.stop();
  result.otherProcessesCores = foreignCpu.stop();
  result.cpuSeconds = { server: system.pids().length > 0 ? named : undefined, loadGenerator: self };
  return result;
}

/**
 * Phase 1: an untimed warm-up, then `plan.rounds` rounds of produce and consume, 100 B and 1 KiB,
 * each on fresh queues. `plan`: { runId, rounds, count, maxMs }; `log` prints progress. Each step
 * (round, rate, messages done and expected) goes into `steps` as it ends, so a failure keeps them.
 */
export async function measureThroughput(system, plan, { steps, log }) {
  const queueName = (suffix) => `peers-${plan.runId}-${suffix}`;
  const { maxMs } = plan;
  await withQueue(system, queueName('warmup'), async (queue) => {
    const count = Math.ceil((plan.count * WARMUP_SHARE) / BATCH) * BATCH;
    const { messages } = await produce(queue, { count, bodyBytes: SMALL_BYTES, maxMs: WARMUP_MAX_MS });
    await consume(queue, { count: messages, maxMs: WARMUP_MAX_MS });
  });
  for (let round = 1; round <= plan.rounds; round += 1) {
    for (const [label, bodyBytes] of Object.entries(BODY_BYTES)) {
      await withQueue(system, queueName(`r${round}-${label}`), async (queue) => {
        const produced = await timedStep(system, `produce-${label}`, async () => ({
          round,
          expected: plan.count,
          ...(await produce(queue, { count: plan.count, bodyBytes, maxMs })),
        }));
        steps.push(produced);
        const consumed = await timedStep(system, `consume-${label}`, async () => ({
          round,
          expected: produced.messages,
          ...(await consume(queue, { count: produced.messages, maxMs })),
        }));
        steps.push(consumed);
        log(`round ${round}, ${label}: produce ${rateText(produced)}, consume ${rateText(consumed)}`);
      });
    }
  }
}

/**
 * Phase 2: one paced mixed run, `step` ('mixed' or 'balanced-mixed'), at `pacing` ({ rate,
 * durationMs }) on a fresh queue. Returns the step: the workload's pace, consumption and latency.
 */
export async function measureMixed(system, { runId, step, pacing }, log) {
  const run = await withQueue(system, `peers-${runId}-${step}`, (queue) =>
    timedStep(system, step, () => mixed(queue, { rate: pacing.rate, durationMs: pacing.durationMs, bodyBytes: SMALL_BYTES })),
  );
  const pace = `sent ${run.sentRate.toLocaleString('en-US')} msg/s, consumed ${run.ackedRate.toLocaleString('en-US')} msg/s`;
  log(`${system.label}: ${step} at ${run.targetRate} msg/s: ${pace}, latency p50 ${run.latency.p50Ms} ms, p99 ${run.latency.p99Ms} ms`);
  return run;
}

const rateText = ({ rate, messages, expected }) =>
  `${rate.toLocaleString('en-US')} msg/s${messages < expected ? ` (time-capped at ${messages.toLocaleString('en-US')})` : ''}`;

/** RSS and peak RSS (MB) of the system's server process, or why they could not be read. */
export function readServerMemory(system) {
  const { pid, reason, note } = system.serverProcess();
  if (!pid) return { note: reason };
  try {
    const { rssMb, peakRssMb } = readMemoryMb(pid);
    if (Number.isNaN(rssMb)) return { pid, note: `/proc/${pid}/status has no VmRSS` };
    return { pid, rssMb: Math.round(rssMb), peakRssMb: Math.round(peakRssMb), note };
  } catch (error) {
    return { pid, note: `could not read /proc/${pid}/status: ${error.message}` };
  }
}
