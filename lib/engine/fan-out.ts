// `ironmq:///queue` subscribers post into another queue of the project (§4.8.4). A chain of them
// that leads back to where it started would copy every message forever, so a subscriber list
// that closes such a loop is refused when it is set.
import { invalidArgument } from './errors';
import type { Queue, Subscriber } from './types';

/** Most queues a chain of fan-outs is followed through before it is judged too long. */
const MAX_CHAIN = 1_000;

/** The queue an `ironmq:///name` subscriber posts into, or undefined for other kinds. */
export function fanOutTarget(url: string): string | undefined {
  if (!url.startsWith('ironmq:///')) return undefined;
  try {
    return decodeURIComponent(url.slice('ironmq:///'.length)) || undefined;
  } catch {
    return undefined;
  }
}

/** Throws INVALID_ARGUMENT when queue `name` with `subscribers` would reach itself by fan-out. */
export async function assertNoFanOutCycle(
  findQueue: (name: string) => Promise<Queue | undefined>,
  name: string,
  subscribers: Subscriber[],
): Promise<void> {
  const pending = subscribers.flatMap((s) => fanOutTarget(s.url) ?? []);
  const visited = new Set<string>();
  while (pending.length > 0) {
    const target = pending.shift()!;
    if (target === name) throw invalidArgument(`ironmq:/// subscribers would form a loop back to queue ${name}`);
    if (visited.has(target)) continue;
    visited.add(target);
    if (visited.size > MAX_CHAIN) throw invalidArgument('ironmq:/// subscribers form too long a chain');
    const queue = await findQueue(target);
    for (const subscriber of queue?.push?.subscribers ?? []) {
      const next = fanOutTarget(subscriber.url);
      if (next) pending.push(next);
    }
  }
}
