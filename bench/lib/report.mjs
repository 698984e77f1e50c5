// Benchmark results: one row per measured figure with its target, printed as a table and saved
// as JSON for comparing runs.
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** How a figure meets its target, by the target's `op`. */
const MEETS = {
  '>=': (value, bound) => value >= bound,
  '<': (value, bound) => value < bound,
  '<=': (value, bound) => value <= bound,
};

/** A measured figure; `target` is { op: '>=' | '<' | '<=', value } or absent when there is none. */
export function figure(caseName, measure, value, unit, target) {
  if (target && !MEETS[target.op]) throw new Error(`${caseName}, ${measure}: unknown target op ${target.op}`);
  const isPass = target ? MEETS[target.op](value, target.value) : null;
  return { case: caseName, measure, value, unit, target: target ?? null, isPass };
}

const formatNumber = (value) =>
  Number.isInteger(value) ? value.toLocaleString('en-US') : value.toLocaleString('en-US', { maximumFractionDigits: 3 });

function cells(row) {
  const target = row.target ? `${row.target.op} ${formatNumber(row.target.value)} ${row.unit}` : '';
  const result = row.isPass === null ? '' : row.isPass ? 'pass' : 'MISS';
  return [row.case, row.measure, `${formatNumber(row.value)} ${row.unit}`, target, result];
}

/** The rows as a fixed-width text table. */
export function formatTable(rows) {
  const header = ['case', 'measure', 'figure', 'target', 'result'];
  const lines = [header, ...rows.map(cells)];
  const widths = header.map((_, i) => Math.max(...lines.map((line) => line[i].length)));
  const format = (line) => line.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.slice(1).map(format)].join('\n');
}

/** Writes the run (figures, per-case details, failures, machine) to `file`. */
export function writeResults(file, { mode, rows, details, failures }) {
  mkdirSync(path.dirname(file), { recursive: true });
  const machine = {
    node: process.version,
    cpus: os.cpus().length,
    cpuModel: os.cpus()[0]?.model,
    platform: process.platform,
  };
  const run = { finishedAt: new Date().toISOString(), mode, machine, figures: rows, details, failures };
  writeFileSync(file, `${JSON.stringify(run, null, 2)}\n`);
}
