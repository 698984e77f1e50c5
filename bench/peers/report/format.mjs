// Cell text shared by the terminal table and the Markdown: a figure with its unit-free value and
// its ratio to the best peer, or a dash when the system was skipped or the figure is missing.

const formatNumber = (value) =>
  value >= 100 ? Math.round(value).toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 2 });

/** "45,123 (0.52×)", "3.1 (1.00×)", "99.9", or "–". */
export function cellText(figure) {
  if (!figure || figure.value === undefined || Number.isNaN(figure.value)) return '–';
  const ratio = figure.ratio === undefined ? '' : ` (${figure.ratio.toFixed(2)}×)`;
  return `${formatNumber(figure.value)}${figure.note ? '*' : ''}${ratio}`;
}

/** Footnotes for figures marked with *, one per figure that has a note. */
export function figureNotes(systems, measures) {
  return systems.flatMap((system) =>
    measures
      .filter((measure) => system.figures?.[measure.id]?.note)
      .map((measure) => `${system.label}, ${measure.label}: ${system.figures[measure.id].note}`),
  );
}

/** The sentence that says how ratios are read. */
export const RATIO_NOTE =
  'Ratios divide each figure by the best peer (every system but Ferro) in the same run: the highest throughput, ' +
  'the lowest latency, memory and CPU. Throughputs and CPU per message are medians of the rounds; CPU per message is ' +
  'the CPU time of the server processes, or of the load generator, during a workload divided by the messages it moved.';

/** The sentence that says how the balanced mixed run was paced and what its figures count. */
export function balancedNote({ balanced }) {
  if (!balanced?.rate) return `Balanced mixed: not run (${balanced?.rateReason ?? 'no rate chosen'}).`;
  const pace = `producers at ${balanced.rate.toLocaleString('en-US')} msg/s for ${balanced.durationMs / 1000} s while consumers run`;
  return `Balanced mixed: ${pace} (${balanced.rateReason}); sent is the pace the producers kept, consumed counts the messages acknowledged before they stopped.`;
}
