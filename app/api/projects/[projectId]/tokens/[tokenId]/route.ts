// One API token: revoke it, so the very next API request with it fails.
import { BffError } from '@/lib/bff/errors';
import { bffRoute, json } from '@/lib/bff/route';

type Params = { projectId: string; tokenId: string };

// DELETE /api/projects/{projectId}/tokens/{tokenId} — revoke
export const DELETE = bffRoute<Params>(async ({ params, auth }) => {
  if (!(await auth.revokeToken(params.projectId, params.tokenId))) throw new BffError('TOKEN_NOT_FOUND');
  return json({ msg: 'Revoked' });
});
