// A project's API tokens: list (masked) and create (the secret is in this one reply only).
import { readJsonObject, requiredString } from '@/lib/bff/parse';
import { bffRoute, json } from '@/lib/bff/route';
import { tokenView } from '@/lib/bff/views';
import type { CreatedTokenView } from '@/lib/hud/types';

type Params = { projectId: string };

// GET /api/projects/{projectId}/tokens — oldest first, without secrets
export const GET = bffRoute<Params>(async ({ params, auth }) => {
  return json({ tokens: (await auth.listTokens(params.projectId)).map(tokenView) });
});

// POST /api/projects/{projectId}/tokens — create; the reply carries the secret once
export const POST = bffRoute<Params>(async ({ request, params, auth }) => {
  const name = requiredString(await readJsonObject(request), 'name');
  const created = await auth.createToken(params.projectId, name);
  const body: CreatedTokenView = { token: tokenView(created.token), secret: created.secret };
  return json(body, 201);
});
