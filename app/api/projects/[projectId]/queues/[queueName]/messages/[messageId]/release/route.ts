// Releases a reserved message from the HUD, back to its place in the queue after an optional delay.
// Consuming: whoever held the reservation loses it.
import { optionalInteger, readJsonObject } from '@/lib/bff/parse';
import { bffRoute, json } from '@/lib/bff/route';

type Params = { projectId: string; queueName: string; messageId: string };

// POST …/messages/{messageId}/release — body {delayMs?}
export const POST = bffRoute<Params>(async ({ request, params, engine }) => {
  const delayMs = optionalInteger(await readJsonObject(request), 'delayMs') ?? 0;
  await engine.releaseMessage(params.projectId, params.queueName, { id: params.messageId, isReservationIgnored: true }, delayMs);
  return json({ msg: 'Released' });
});
