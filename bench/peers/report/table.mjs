// The terminal report: one row per measure, one column per system, the durability setting under
// each system's name, then the full durability sentences, footnotes and warnings.
import { MEASURES } from '../results.mjs';
import { RATIO_NOTE, balancedNote, cellText, figureNotes } from './format.mjs';
import { machineLine } from './machine.mjs';

function alignedTable(lines) {
  const widths = lines[0].map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  const format = (line) => line.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
  return [format(lines[0]), format(lines[1]), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.slice(2).map(format)].join('\n');
}

export function formatPeersTable(run) {
  const systems = run.systems.filter((system) => system.figures);
  const lines = [
    ['measure', ...systems.map((system) => system.label)],
    ['durability', ...systems.map((system) => system.durabilityTag)],
    ...MEASURES.map((measure) => [`${measure.label} (${measure.unit})`, ...systems.map((system) => cellText(system.figures[measure.id]))]),
  ];
  const hud = run.isHudEnabled ? 'on (--hud)' : 'off (--hud turns it on)';
  const out = [
    `machine: ${machineLine(run.machine)}; data dirs on ${run.machine.dataFilesystem}`,
    `${run.mode} run: ${run.plan.rounds} round(s) of ${run.plan.count.toLocaleString('en-US')} messages per figure; Ferro HUD ${hud}`,
    '',
  ];
  if (systems.length === 0) {
    out.push('No system was measured.');
  } else {
    const { rate, durationMs, rateReason } = run.plan.mixed;
    out.push(alignedTable(lines), '', RATIO_NOTE, `Mixed: ${rate} msg/s for ${durationMs / 1000} s (${rateReason}).`, balancedNote(run.plan));
  }
  out.push('', 'durability:');
  for (const system of run.systems) out.push(`  ${system.label}: ${system.skipped ? `skipped: ${system.skipped}` : system.durability}`);
  const notes = figureNotes(systems, MEASURES);
  if (notes.length > 0) out.push('', 'notes:', ...notes.map((note) => `  * ${note}`));
  for (const warning of run.warnings) out.push(`warning: ${warning}`);
  return out.join('\n');
}
