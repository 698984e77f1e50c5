// A queue's recent size as a tiny line in plain SVG: one per row of a 50-row list, where a full
// chart library per row would cost the list its speed. Presentation only; values oldest first.

const WIDTH = 96;
const HEIGHT = 24;
/** Keeps the stroke inside the box at the top and bottom. */
const PAD = 2;

export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const peak = Math.max(1, ...values);
  const step = values.length > 1 ? WIDTH / (values.length - 1) : 0;
  const coords = values.map((value, i) => `${(i * step).toFixed(1)},${(HEIGHT - PAD - (value / peak) * (HEIGHT - 2 * PAD)).toFixed(1)}`);
  return (
    <svg role="img" aria-label={label} width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} className="block">
      <line x1={0} y1={HEIGHT - 0.5} x2={WIDTH} y2={HEIGHT - 0.5} stroke="var(--line)" />
      <polyline points={coords.join(' ')} fill="none" stroke="var(--accent)" strokeWidth={1.5} strokeLinejoin="round" />
    </svg>
  );
}
