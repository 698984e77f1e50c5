// One message: read it with its state and times, or delete it whoever holds it.
import { bffRoute, json } from '@/lib/bff/route';
import { messageView } from '@/lib/bff/views';

type Params = { projectId: string; queueName: string; messageId: string };

// GET /api/projects/{projectId}/queues/{queueName}/messages/{messageId} — the message, any state
export const GET = bffRoute<Params>(async ({ params, engine }) => {
  return json(messageView(await engine.getMessage(params.projectId, params.queueName, params.messageId)));
});

// DELETE …/messages/{messageId} — delete even when reserved: the person at the HUD overrides any consumer
export const DELETE = bffRoute<Params>(async ({ params, engine }) => {
  await engine.deleteMessage(params.projectId, params.queueName, { id: params.messageId, isReservationIgnored: true });
  return json({ msg: 'Deleted' });
});
