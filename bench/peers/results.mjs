// Turns each system's raw measurements into the figures every report shows: medians over the
// rounds, the mixed runs' latency, pace and share consumed, memory, and each figure's ratio to the
// best peer in the same run. Reports (report/*.mjs) only format what this returns.

/** The throughput workloads, each the median of its rounds' steps, which share its id as their step name. */
const THROUGHPUT_MEASURES = [
  { id: 'produce-100b', label: 'produce 100 B', unit: 'msg/s', isHigherBetter: true },
  { id: 'produce-1kib', label: 'produce 1 KiB', unit: 'msg/s', isHigherBetter: true },
  { id: 'consume-100b', label: 'consume + ack 100 B', unit: 'msg/s', isHigherBetter: true },
  { id: 'consume-1kib', label: 'consume + ack 1 KiB', unit: 'msg/s', isHigherBetter: true },
];
export const THROUGHPUT_IDS = THROUGHPUT_MEASURES.map((measure) => measure.id);

/**
 * CPU time per message of one side (`who`: a key of a step's cpuSeconds) in each throughput
 * workload. Rates swing with what else the host runs; CPU per message swings less, and with the
 * server and the load generator on the same two cores their sum bounds the rate.
 */
function cpuMeasures(who, what) {
  return THROUGHPUT_MEASURES.map(({ id, label }) => ({
    id: `${id}-cpu-${who}`,
    label: `${label}: ${what}`,
    unit: 'µs',
    isHigherBetter: false,
    step: id,
    who,
  }));
}

/** The figures, in report order. `isHigherBetter` picks the best peer; `hasRatio: false` shows no ratio. */
export const MEASURES = [
  ...THROUGHPUT_MEASURES,
  { id: 'mixed-p50', label: 'mixed: latency p50', unit: 'ms', isHigherBetter: false },
  { id: 'mixed-p99', label: 'mixed: latency p99', unit: 'ms', isHigherBetter: false },
  { id: 'mixed-consumed', label: 'mixed: consumed in run', unit: '%', isHigherBetter: true, hasRatio: false },
  // Every system is asked for the same pace, so the pace kept is read against the target, not a peer.
  { id: 'balanced-sent', label: 'balanced mixed: sent', unit: 'msg/s', isHigherBetter: true, hasRatio: false },
  { id: 'balanced-consumed', label: 'balanced mixed: consumed', unit: 'msg/s', isHigherBetter: true },
  { id: 'balanced-share', label: 'balanced mixed: consumed in run', unit: '%', isHigherBetter: true, hasRatio: false },
  { id: 'rss', label: 'server RSS at end', unit: 'MB', isHigherBetter: false },
  ...cpuMeasures('server', 'server CPU per message'),
  ...cpuMeasures('loadGenerator', 'load generator CPU per message'),
];

/** The middle value of the rounds' figures (the lower middle for an even count). */
function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}

/** Systems compared against: every one but Ferro. */
export const isPeer = (system) => system.id !== 'ferro';

/** The median over the rounds of one throughput measure (msg/s). */
export function medianRate(steps, id) {
  return median(steps.filter((step) => step.step === id).map((step) => step.rate));
}

/** A share (0..1) as a percentage to one decimal. */
const percent = (share) => Math.round(share * 1000) / 10;

/** A note when producers fell behind the asked rate: holding back for a tick and catching up is harmless. */
function paceNote({ sentRate, targetRate }) {
  return sentRate < 0.99 * targetRate ? `producers kept ${sentRate} of ${targetRate} msg/s` : undefined;
}

/**
 * The figures of one measured system: { [measureId]: { value, note? } }. `mixed`, `balanced`
 * and `memory` are missing when the system failed before them (or no balanced rate was chosen).
 */
export function figuresOf({ steps, mixed, balanced, memory }) {
  const figures = {};
  for (const id of THROUGHPUT_IDS) {
    const rounds = steps.filter((step) => step.step === id);
    const capped = rounds.filter((step) => step.messages < step.expected);
    const cappedAt = capped.map((step) => step.messages.toLocaleString('en-US')).join(', ');
    const note = capped.length > 0 ? `time-capped: ${cappedAt} of ${capped[0].expected.toLocaleString('en-US')} messages` : undefined;
    figures[id] = { value: medianRate(steps, id), rounds: rounds.map((step) => step.rate), note };
  }
  if (mixed) {
    figures['mixed-p50'] = { value: mixed.latency.p50Ms };
    figures['mixed-p99'] = { value: mixed.latency.p99Ms, note: paceNote(mixed) };
    figures['mixed-consumed'] = { value: percent(mixed.consumedShare) };
  }
  if (balanced) {
    // Acknowledged, not merely received: the consume figures count acknowledgements too.
    figures['balanced-sent'] = { value: balanced.sentRate, note: paceNote(balanced) };
    figures['balanced-consumed'] = { value: balanced.ackedRate };
    figures['balanced-share'] = { value: balanced.sent === 0 ? 0 : percent(balanced.ackedInRun / balanced.sent) };
  }
  if (memory) figures.rss = { value: memory.rssMb, note: memory.note };
  for (const { id, step, who } of MEASURES.filter((measure) => measure.who)) {
    const perMessage = steps
      .filter((s) => s.step === step && s.messages > 0 && s.cpuSeconds?.[who] !== undefined)
      .map((s) => Math.round((s.cpuSeconds[who] * 1e7) / s.messages) / 10);
    if (perMessage.length > 0) figures[id] = { value: median(perMessage), rounds: perMessage };
  }
  return figures;
}

/** Adds `ratio` (figure ÷ best peer's figure) to every figure that has a value and a ratio. */
export function addRatios(systems) {
  const measured = systems.filter((system) => system.figures);
  for (const measure of MEASURES) {
    if (measure.hasRatio === false) continue;
    const peerValues = measured.filter(isPeer).map((s) => s.figures[measure.id]?.value).filter((v) => v > 0);
    if (peerValues.length === 0) continue;
    const best = measure.isHigherBetter ? Math.max(...peerValues) : Math.min(...peerValues);
    for (const system of measured) {
      const figure = system.figures[measure.id];
      if (figure?.value !== undefined) figure.ratio = Math.round((figure.value / best) * 100) / 100;
    }
  }
  return systems;
}

/** One line per system that failed, with what it was doing. */
export function failures(systems) {
  return systems.filter((system) => system.failed).map((system) => `${system.label} failed: ${system.failed}`);
}

/** One warning per system with steps during which other processes used more than `maxCores`. */
export function disturbances(systems, maxCores) {
  return systems.flatMap((system) => {
    const steps = system.steps ?? [];
    // A step too short for the clock (0 ms) reads as Infinity cores and says nothing.
    const disturbed = steps.filter((step) => step.otherProcessesCores > maxCores && Number.isFinite(step.otherProcessesCores));
    if (disturbed.length === 0) return [];
    const worst = Math.max(...disturbed.map((step) => step.otherProcessesCores));
    const during = `during ${disturbed.length} of ${steps.length} steps`;
    return [`${system.label}: other processes used more than ${maxCores} cores (up to ${worst}) ${during}; those figures are unreliable`];
  });
}
