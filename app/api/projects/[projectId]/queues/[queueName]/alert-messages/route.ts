// The alert messages this queue's alerts posted lately, read back from their target queues
// without consuming them (the newest messages of each target that name this queue as source).
import { alertFiringOf } from '@/lib/bff/operator-views';
import { bffRoute, json } from '@/lib/bff/route';
import type { AlertFiringView } from '@/lib/hud/types';

type Params = { projectId: string; queueName: string };

/** Newest messages read from each target queue: they may hold other queues' alerts and other messages too. */
const MESSAGES_READ_PER_TARGET = 100;
const FIRINGS_SHOWN = 20;

// GET …/queues/{queueName}/alert-messages — the newest firings, newest first
export const GET = bffRoute<Params>(async ({ params, engine }) => {
  const queue = await engine.getQueue(params.projectId, params.queueName);
  const targets = [...new Set(queue.alerts.map((alert) => alert.queue))];
  const firings: AlertFiringView[] = [];
  for (const target of targets) {
    if (!(await engine.findQueue(params.projectId, target))) continue;
    const messages = await engine.inspection.latestMessages(params.projectId, target, MESSAGES_READ_PER_TARGET);
    firings.push(...messages.flatMap((message) => alertFiringOf(message, target, queue.name) ?? []));
  }
  firings.sort((a, b) => Number(b.messageId) - Number(a.messageId));
  return json({ firings: firings.slice(0, FIRINGS_SHOWN) });
});
