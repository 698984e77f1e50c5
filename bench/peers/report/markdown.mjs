// bench/results/peers-latest.md: the same table as the terminal, with the machine, the mode,
// each system's durability, the chart and Ferro's backlog figures, ready to paste into a README.
import { MEASURES } from '../results.mjs';
import { RATIO_NOTE, balancedNote, cellText, figureNotes } from './format.mjs';
import { machineLine } from './machine.mjs';

const row = (cells) => `| ${cells.join(' | ')} |`;

function backlogSection(backlog) {
  const title = ['## Ferro: reserve with a backlog', ''];
  if (!backlog) return [];
  if (backlog.error) return [...title, `Failed: ${backlog.error.split('\n')[0]}`, ''];
  const count = (n) => n.toLocaleString('en-US');
  const { messages, held } = backlog.details.backlog;
  const target = (f) => (f.target ? `${f.target.op} ${f.target.value} ${f.unit}` : '');
  return [
    ...title,
    `Reserve n=1 on a nearly empty queue and on a queue of ${count(messages)} messages of which ${count(held)} are reserved`,
    '(bench/cases/backlog.mjs, HUD off).',
    '',
    row(['measure', 'figure', 'target']),
    row(['---', '--:', '--:']),
    ...backlog.figures.map((f) => row([f.measure, `${f.value} ${f.unit}`, target(f)])),
    '',
  ];
}

function comparison({ plan }, systems, chartFile) {
  return [
    row(['measure', ...systems.map((system) => system.label)]),
    row(['---', ...systems.map(() => '--:')]),
    row(['*durability*', ...systems.map((system) => `*${system.durabilityTag}*`)]),
    ...MEASURES.map((measure) => row([`${measure.label} (${measure.unit})`, ...systems.map((s) => cellText(s.figures[measure.id]))])),
    '',
    RATIO_NOTE,
    `Mixed: producers at ${plan.mixed.rate} msg/s for ${plan.mixed.durationMs / 1000} s while consumers run (${plan.mixed.rateReason});`,
    'latency runs from the send time stamped in the body to receipt by a consumer.',
    balancedNote(plan),
    '',
    `![Throughput, latency and memory of each system](${chartFile})`,
    '',
  ];
}

function notesSection(notes) {
  return notes.length === 0 ? [] : ['## Notes', '', ...notes.map((note) => `- ${note}`), ''];
}

export function formatPeersMarkdown(run, { chartFile }) {
  const systems = run.systems.filter((system) => system.figures);
  const { plan } = run;
  const rounds = `${plan.rounds} round${plan.rounds === 1 ? '' : 's'}`;
  const hud = run.isHudEnabled ? 'on' : 'off';
  return [
    '# Ferro beside its peers',
    '',
    `Machine: ${machineLine(run.machine)}; data dirs on ${run.machine.dataFilesystem}.`,
    '',
    `Mode: ${run.mode}: ${rounds} of ${plan.count.toLocaleString('en-US')} messages per throughput figure,`,
    `${plan.producers} producers with batches of ${plan.batch}, each step capped at ${plan.maxMs / 1000} s; Ferro's HUD ${hud}.`,
    'The load generator (one Node process) and the servers share this machine, all on 127.0.0.1.',
    '',
    ...(systems.length === 0 ? ['No system was measured.', ''] : comparison(run, systems, chartFile)),
    '## Durability',
    '',
    ...run.systems.map((system) => `- **${system.label}**: ${system.skipped ? `skipped: ${system.skipped}` : system.durability}`),
    '',
    '## What counts as consumed',
    '',
    ...systems.map((system) => `- **${system.label}**: ${system.acknowledgement}`),
    '',
    ...backlogSection(run.backlog),
    ...notesSection([...figureNotes(systems, MEASURES).map((note) => `\\* ${note}`), ...run.warnings.map((w) => `warning: ${w}`)]),
  ].join('\n');
}
