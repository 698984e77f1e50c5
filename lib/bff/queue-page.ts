// One page of a project's queue names as the HUD's list shows it (prefix filter, cursor), shared
// by the list and its sparklines so both answer for exactly the same queues.
import type { QueueEngine } from '../engine/engine';

/** Queues per page of the HUD's list. */
export const QUEUES_PER_PAGE = 50;

/** Reads `?prefix=&after=` from the URL; `nextAfter` is null on the last page. */
export async function queuePageNames(engine: QueueEngine, projectId: string, url: URL): Promise<{ names: string[]; nextAfter: string | null }> {
  const prefix = url.searchParams.get('prefix') ?? '';
  const after = url.searchParams.get('after') ?? '';
  // One more than a page tells whether another page follows.
  const names = await engine.listQueues(projectId, { prefix, previous: after, perPage: QUEUES_PER_PAGE + 1 });
  const pageNames = names.slice(0, QUEUES_PER_PAGE);
  return { names: pageNames, nextAfter: names.length > QUEUES_PER_PAGE ? pageNames.at(-1)! : null };
}
