// Message bodies that check themselves: each carries the run, the client and a sequence number,
// plus a checksum of all three and its padding, so the checker can tell a lost, duplicated,
// foreign or corrupted message from the body alone.
import { createHash } from 'node:crypto';

export interface BodyTag {
  run: string;
  client: number;
  seq: number;
}

const checksum = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 16);

/** A body of about `bytes` bytes for message `seq` of `client` in `run`. */
export function makeBody(tag: BodyTag, bytes = 100): string {
  const head = `${tag.run}:${tag.client}:${tag.seq}:`;
  const pad = 'x'.repeat(Math.max(0, bytes - head.length - 17));
  return `${head}${pad}:${checksum(head + pad)}`;
}

/** The tag of a body made by makeBody, or undefined when it is not intact. */
export function readBody(body: string): BodyTag | undefined {
  const match = /^([^:]+):(\d+):(\d+):(x*):([0-9a-f]{16})$/.exec(body);
  if (!match) return undefined;
  const [, run, client, seq, pad, sum] = match;
  if (checksum(`${run}:${client}:${seq}:${pad}`) !== sum) return undefined;
  return { run, client: Number(client), seq: Number(seq) };
}

export const tagKey = (tag: BodyTag) => `${tag.client}:${tag.seq}`;
