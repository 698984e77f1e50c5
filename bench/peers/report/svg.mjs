// bench/results/peers-latest.svg: grouped bar charts of the run (throughput, with what consumers
// took in the balanced mixed run beside it; mixed latency; memory), drawn as plain SVG text so a
// README can embed it and no charting package is needed. The machine and each system's
// durability are written into the image, since a chart copied elsewhere loses the page around it.
import { MEASURES } from '../results.mjs';
import { machineLine } from './machine.mjs';

const WIDTH = 960;
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';
/** Text attributes by role. */
const STYLE = {
  title: `${FONT} font-size="20" font-weight="700" fill="#212529"`,
  subtitle: `${FONT} font-size="12" fill="#495057"`,
  warning: `${FONT} font-size="12" fill="#c92a2a"`,
  heading: `${FONT} font-size="13" font-weight="600" fill="#212529"`,
  panelTitle: `${FONT} font-size="14" font-weight="600" fill="#212529"`,
  body: `${FONT} font-size="12" fill="#212529"`,
  axis: `${FONT} font-size="11" fill="#495057" text-anchor="end"`,
  groupLabel: `${FONT} font-size="11" fill="#212529" text-anchor="middle"`,
  barLabel: `${FONT} font-size="9" fill="#343a40" text-anchor="middle"`,
  small: `${FONT} font-size="11" fill="#343a40"`,
};
/** A colour per system, the same in every run so charts compare at a glance; Ferro's stands apart. */
const COLOURS = { ferro: '#d9480f', beanstalkd: '#1971c2', 'beanstalkd-binlog': '#74c0fc', rabbitmq: '#2f9e44', bullmq: '#9c36b5' };
const OTHER_COLOUR = '#868e96';
const PANEL_HEIGHT = 220;
const AXIS_TICKS = 4;

const escapeXml = (text) => String(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
/** Coordinates to a tenth of a pixel: finer only bloats the file. */
const px = (n) => Math.round(n * 10) / 10;
const text = (x, y, content, attributes = '') => `<text x="${px(x)}" y="${px(y)}" ${attributes}>${escapeXml(content)}</text>`;

/** A round axis maximum at or above `max`: 1, 2 or 5 times a power of ten per tick. */
function niceStep(max) {
  const raw = max / AXIS_TICKS;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((step) => step >= raw);
}

/** 1234567 → "1.2M", 45200 → "45k", 2500 → "2.5k", 5000 → "5k", 3.14 → "3.1", 0 → "0". */
function compact(value) {
  const oneDecimal = (n) => n.toFixed(1).replace(/\.0$/, '');
  if (value >= 1e6) return `${oneDecimal(value / 1e6)}M`;
  if (value >= 1e4) return `${Math.round(value / 1e3)}k`;
  if (value >= 1e3) return `${oneDecimal(value / 1e3)}k`;
  return value >= 10 ? String(Math.round(value)) : oneDecimal(value);
}

/** One panel: a group of bars per measure, one bar per system, a y axis from 0, value labels on the bars. */
function barPanel({ x, y, width, title, measures, systems }) {
  const plotTop = y + 28;
  const plotHeight = PANEL_HEIGHT - 70;
  const plotLeft = x + 48;
  const plotWidth = width - 56;
  const valueOf = (system, measure) => system.figures[measure.id]?.value;
  const values = measures.flatMap((measure) => systems.map((system) => valueOf(system, measure))).filter(Number.isFinite);
  const step = niceStep(Math.max(...values, 1e-9));
  const top = step * AXIS_TICKS;
  const scale = (value) => (value / top) * plotHeight;
  const parts = [text(x, y + 14, title, STYLE.panelTitle)];
  for (let i = 0; i <= AXIS_TICKS; i += 1) {
    const tickY = plotTop + plotHeight - scale(i * step);
    parts.push(`<line x1="${px(plotLeft)}" x2="${px(plotLeft + plotWidth)}" y1="${px(tickY)}" y2="${px(tickY)}" stroke="#dee2e6"/>`);
    parts.push(text(plotLeft - 6, tickY + 4, compact(i * step), STYLE.axis));
  }
  const groupWidth = plotWidth / measures.length;
  const barWidth = Math.min(28, (groupWidth - 16) / systems.length);
  measures.forEach((measure, g) => {
    const groupLeft = plotLeft + g * groupWidth + (groupWidth - barWidth * systems.length) / 2;
    systems.forEach((system, s) => {
      const value = valueOf(system, measure);
      if (!Number.isFinite(value)) return;
      const barX = groupLeft + s * barWidth;
      const barY = plotTop + plotHeight - scale(value);
      const bar = `x="${px(barX + 1)}" y="${px(barY)}" width="${px(barWidth - 2)}" height="${px(scale(value))}"`;
      parts.push(`<rect ${bar} fill="${system.colour}"/>`);
      parts.push(text(barX + barWidth / 2, barY - 3, compact(value), STYLE.barLabel));
    });
    const labelX = plotLeft + g * groupWidth + groupWidth / 2;
    parts.push(text(labelX, plotTop + plotHeight + 16, measure.label, STYLE.groupLabel));
  });
  return parts.join('\n');
}

/** Splits a sentence into lines of at most `width` characters at spaces. */
function wrap(sentence, width) {
  const lines = [''];
  for (const word of sentence.split(' ')) {
    if (lines.at(-1).length + word.length + 1 > width && lines.at(-1)) lines.push('');
    lines[lines.length - 1] += `${lines.at(-1) ? ' ' : ''}${word}`;
  }
  return lines;
}

/** Title, machine, mode and, when there are any, a pointer to the warnings. */
function header(run) {
  const { plan } = run;
  const mode = `${run.mode} run, ${plan.rounds} round(s) of ${plan.count.toLocaleString('en-US')} messages (medians)`;
  const parts = [
    text(16, 28, 'Ferro beside its peers', STYLE.title),
    text(16, 48, `${machineLine(run.machine)}; data on ${run.machine.dataFilesystem}`, STYLE.subtitle),
    text(16, 64, `${mode}; Ferro HUD ${run.isHudEnabled ? 'on' : 'off'}; all on 127.0.0.1`, STYLE.subtitle),
  ];
  const warnings = `${run.warnings.length} warning(s): see peers-latest.md`;
  if (run.warnings.length > 0) parts.push(text(WIDTH - 16, 28, warnings, `${STYLE.warning} text-anchor="end"`));
  return parts;
}

/** A swatch per system with its durability tag, three to a row, from `y`; returns the parts and the next free y. */
function legend(systems, y) {
  const parts = systems.flatMap((system, i) => {
    const legendX = 16 + (i % 3) * 310;
    const legendY = y + Math.floor(i / 3) * 18;
    return [
      `<rect x="${legendX}" y="${legendY}" width="12" height="12" fill="${system.colour}"/>`,
      text(legendX + 18, legendY + 10, `${system.label}: ${system.durabilityTag}`, STYLE.body),
    ];
  });
  return { parts, nextY: y + Math.ceil(systems.length / 3) * 18 + 12 };
}

/** Every system's full durability sentence (or why it was skipped), wrapped; returns the parts and the last y. */
function footer(systems, y) {
  const parts = [text(16, y, 'Durability', STYLE.heading)];
  let lineY = y;
  for (const system of systems) {
    const sentence = `${system.label}: ${system.skipped ? `skipped: ${system.skipped}` : system.durability}`;
    for (const [i, line] of wrap(sentence, 140).entries()) {
      lineY += 15;
      parts.push(text(i === 0 ? 16 : 28, lineY, line, STYLE.small));
    }
  }
  return { parts, lastY: lineY };
}

/** The throughput panel's title, with the balanced mixed run's pace when there was one. */
function throughputTitle({ balanced }) {
  const title = 'Throughput (messages/s, higher is better)';
  return balanced?.rate ? `${title}; balanced mixed: consumed while producers send ${compact(balanced.rate)}/s` : title;
}

export function formatPeersSvg(run) {
  const systems = run.systems
    .filter((system) => system.figures)
    .map((system) => ({ ...system, colour: COLOURS[system.id] ?? OTHER_COLOUR }));
  const byId = (...ids) => MEASURES.filter((measure) => ids.includes(measure.id));
  const top = legend(systems, 84);
  const lowerY = top.nextY + PANEL_HEIGHT;
  const innerWidth = WIDTH - 32;
  const panels = [
    {
      x: 16, y: top.nextY, width: innerWidth, title: throughputTitle(run.plan),
      measures: byId('produce-100b', 'produce-1kib', 'consume-100b', 'consume-1kib', 'balanced-consumed'),
    },
    {
      x: 16, y: lowerY, width: innerWidth * 0.62, title: `Mixed at ${run.plan.mixed.rate} msg/s: latency (ms, lower is better)`,
      measures: byId('mixed-p50', 'mixed-p99'),
    },
    { x: 16 + innerWidth * 0.64, y: lowerY, width: innerWidth * 0.36, title: 'Server RSS at end (MB)', measures: byId('rss') },
  ];
  const bottom = footer(run.systems, lowerY + PANEL_HEIGHT + 4);
  const height = bottom.lastY + 16;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}">`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    ...header(run),
    ...top.parts,
    ...panels.map((panel) => barPanel({ ...panel, systems })),
    ...bottom.parts,
    '</svg>',
    '',
  ].join('\n');
}
