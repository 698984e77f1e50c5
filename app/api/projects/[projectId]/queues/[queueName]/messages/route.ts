// A queue's messages: browse every state without consuming, post, and clear.
import { BffError } from '@/lib/bff/errors';
import { assertBodyNames, optionalInteger, readJsonObject, requiredString, type JsonObject } from '@/lib/bff/parse';
import { bffRoute, json } from '@/lib/bff/route';
import { messageView } from '@/lib/bff/views';
import type { MessagePageView } from '@/lib/hud/types';

type Params = { projectId: string; queueName: string };

/** Messages per page of the HUD's browser. */
const MESSAGES_PER_PAGE = 100;

// GET /api/projects/{projectId}/queues/{queueName}/messages?after= — a page of every message, any state
export const GET = bffRoute<Params>(async ({ request, params, engine }) => {
  await engine.getQueue(params.projectId, params.queueName);
  const after = new URL(request.url).searchParams.get('after') || null;
  const page = await engine.browseMessages(params.projectId, params.queueName, after, MESSAGES_PER_PAGE);
  const body: MessagePageView = { messages: page.messages.map(messageView), nextAfter: page.nextAfterId };
  return json(body);
});

function newMessages(body: JsonObject): Array<{ body: string; delayMs: number }> {
  const list = body.messages;
  if (!Array.isArray(list)) throw new BffError('BAD_REQUEST', 'messages must be a list');
  return list.map((item) => {
    if (typeof item !== 'object' || item === null) throw new BffError('BAD_REQUEST', 'Each message must be an object');
    return { body: requiredString(item as JsonObject, 'body'), delayMs: optionalInteger(item as JsonObject, 'delayMs') ?? 0 };
  });
}

// POST /api/projects/{projectId}/queues/{queueName}/messages — post messages, all or none
export const POST = bffRoute<Params>(async ({ request, params, engine }) => {
  const ids = await engine.postMessages(params.projectId, params.queueName, newMessages(await readJsonObject(request)));
  return json({ ids }, 201);
});

// DELETE /api/projects/{projectId}/queues/{queueName}/messages {"queue"} — clear every message
export const DELETE = bffRoute<Params>(async ({ request, params, engine }) => {
  await assertBodyNames(request, 'queue', params.queueName, 'Clearing a queue');
  await engine.clearMessages(params.projectId, params.queueName);
  return json({ msg: 'Cleared' });
});
