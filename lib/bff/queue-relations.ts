// Which queues a queue hands its failures to (its dead-letter and error queue, with their sizes)
// and which queues hand theirs to it, for the badges of the queue list and the overview. One
// indexed lookup for the sources of a whole page of queues, one read per distinct target.
import type { QueueEngine } from '../engine/engine';
import type { Queue } from '../engine/types';
import type { QueueLinkView, QueueRelations } from '../hud/types';

/** The relations of each of `queues` (one project's), by queue name. */
export async function relationsOf(engine: QueueEngine, projectId: string, queues: Queue[]): Promise<Map<string, QueueRelations>> {
  const sources = await engine.inspection.queueSources(projectId, queues.map((queue) => queue.name));
  const targetNames = new Set(queues.flatMap((queue) => [queue.deadLetter?.queueName ?? '', queue.push?.errorQueue ?? '']).filter(Boolean));
  const targets = new Map<string, QueueLinkView>();
  for (const name of targetNames) {
    targets.set(name, { name, size: (await engine.findQueue(projectId, name))?.size ?? null });
  }
  const link = (name: string | undefined) => (name ? (targets.get(name) ?? null) : null);
  const sourcesOf = (target: string, kind: 'deadLetter' | 'errorQueue') =>
    sources.filter((source) => source.target === target && source.kind === kind).map((source) => source.sourceQueue).sort();
  return new Map(
    queues.map((queue) => [
      queue.name,
      {
        deadLetterQueue: link(queue.deadLetter?.queueName),
        errorQueue: link(queue.push?.errorQueue),
        deadLetterSources: sourcesOf(queue.name, 'deadLetter'),
        errorQueueSources: sourcesOf(queue.name, 'errorQueue'),
      },
    ]),
  );
}

/** The relations of one queue. */
export async function relationsOfQueue(engine: QueueEngine, queue: Queue): Promise<QueueRelations> {
  return (await relationsOf(engine, queue.projectId, [queue])).get(queue.name)!;
}
