// A seeded random source for the fuzzer, so a failing run can be replayed exactly: the seed is
// printed, and FERRO_FAULTS_SEED=<seed> makes the next run generate the same requests.

/** The seed of this run: FERRO_FAULTS_SEED when set, otherwise a fresh one. */
export function runSeed(): number {
  const fromEnv = process.env.FERRO_FAULTS_SEED;
  if (fromEnv !== undefined && fromEnv !== '') {
    const seed = Number(fromEnv);
    if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`FERRO_FAULTS_SEED must be an integer 0..4294967295, got ${fromEnv}`);
    return seed;
  }
  return Math.floor(Math.random() * 0x100000000);
}

/** mulberry32: small, fast and good enough to spread test cases; not for secrets. */
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 0x100000000;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }

  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** Calls one of the generators, chosen uniformly. */
  oneOf<T>(generators: ReadonlyArray<() => T>): T {
    return this.pick(generators)();
  }

  /** Random printable ASCII of the given length. */
  ascii(length: number): string {
    let text = '';
    for (let i = 0; i < length; i += 1) text += String.fromCharCode(this.int(0x20, 0x7e));
    return text;
  }

  bytes(length: number): Buffer {
    const buffer = Buffer.alloc(length);
    for (let i = 0; i < length; i += 1) buffer[i] = this.int(0, 255);
    return buffer;
  }
}
