// Message bodies stored several to a row: one blob of UTF-8 bodies one after another and one blob
// of their byte lengths as 32-bit little-endian integers. Ready chunks (ready-chunks.ts) and held
// spans (held-spans.ts) keep their bodies this way, so a hundred bodies cost one row, not a hundred.
//
// Bodies are escape-free when none holds a character a JSON string must escape (a quote, a
// backslash, a control character): their UTF-8 bytes are then their JSON string content as it
// stands, and a reserve's reply copies them instead of decoding and escaping them again (for
// 1 KiB bodies that was a fifth of the server's work while consuming).

export class PackedBodies {
  constructor(
    readonly bodies: Buffer,
    readonly lengths: Buffer,
    readonly isEscapeFree = false,
  ) {}

  /**
   * Packs bodies; undefined when two of them join into what neither was alone (a lone high
   * surrogate meeting a lone low one): the lengths would then miss the bodies' bounds.
   * `isEscapeFree` is the caller's word that no body needs JSON escaping.
   */
  static pack(bodies: string[], sizes: number[], isEscapeFree: boolean): PackedBodies | undefined {
    const joined = Buffer.from(bodies.join(''));
    if (joined.length !== sizes.reduce((sum, size) => sum + size, 0)) return undefined;
    const lengths = Buffer.allocUnsafe(4 * sizes.length);
    sizes.forEach((size, i) => lengths.writeUInt32LE(size, 4 * i));
    return new PackedBodies(joined, lengths, isEscapeFree);
  }

  /** Where body `index` starts in the blob. */
  private offsetOf(index: number): number {
    let offset = 0;
    for (let i = 0; i < index; i++) offset += this.lengths.readUInt32LE(4 * i);
    return offset;
  }

  /** Bodies from … to - 1 as views of their UTF-8 bytes (not copies), in order. */
  views(from: number, to: number): Buffer[] {
    return this.eachBody(from, to, (start, end) => this.bodies.subarray(start, end));
  }

  /** Bodies from … to - 1, decoded, in order. */
  strings(from: number, to: number): string[] {
    return this.eachBody(from, to, (start, end) => this.bodies.toString('utf8', start, end));
  }

  /** `take` of each body's bounds in the blob, from … to - 1, in one walk over the lengths. */
  private eachBody<T>(from: number, to: number, take: (start: number, end: number) => T): T[] {
    let offset = this.offsetOf(from);
    const out: T[] = [];
    for (let i = from; i < to; i++) {
      const end = offset + this.lengths.readUInt32LE(4 * i);
      out.push(take(offset, end));
      offset = end;
    }
    return out;
  }

  /** Bodies from … to - 1 as packed bodies of their own (views of these buffers, not copies). */
  slice(from: number, to: number): PackedBodies {
    const start = this.offsetOf(from);
    let end = start;
    for (let i = from; i < to; i++) end += this.lengths.readUInt32LE(4 * i);
    return new PackedBodies(this.bodies.subarray(start, end), this.lengths.subarray(4 * from, 4 * to), this.isEscapeFree);
  }
}
