// The figures and verdict line every probe prints: what it measured, and `N passed, N failed`
// over the individual checks it made, so a long-tier run reads the same as a short one.
export class ProbeReport {
  private passed = 0;
  private readonly failures: string[] = [];
  private readonly figures: string[] = [];

  constructor(private readonly probe: string) {}

  /** Records one check; a failure keeps its description for the summary. */
  check(isOk: boolean, description: string): void {
    if (isOk) this.passed += 1;
    else this.failures.push(description);
  }

  /** Records `total` checks of one kind at once, of which `failures` failed. */
  checkAll(total: number, failures: string[]): void {
    this.passed += Math.max(0, total - failures.length);
    this.failures.push(...failures);
  }

  figure(name: string, value: string | number): void {
    this.figures.push(`${name}: ${value}`);
  }

  get failed(): string[] {
    return [...this.failures];
  }

  print(): void {
    const lines = [`[faults] ${this.probe}`, ...this.figures.map((line) => `  ${line}`)];
    for (const failure of this.failures.slice(0, 20)) lines.push(`  FAILED ${failure}`);
    lines.push(`${this.probe}: ${this.passed} passed, ${this.failures.length} failed`);
    console.log(lines.join('\n'));
  }
}

/** The p-th percentile (0..100) of some numbers, by nearest rank; NaN for none. */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/** Whether the long tier (FERRO_FAULTS_TIER=long) is running: larger counts and durations. */
export const isLongTier = process.env.FERRO_FAULTS_TIER === 'long';
