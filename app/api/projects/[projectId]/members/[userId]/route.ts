// One user's access to one project, for admins only: grant it (idempotent) or revoke it.
import { bffRoute, json } from '@/lib/bff/route';

type Params = { projectId: string; userId: string };

// PUT /api/projects/{projectId}/members/{userId} — grant; granting twice is harmless
export const PUT = bffRoute<Params>(
  async ({ params, auth }) => {
    await auth.grantProjectAccess(params.userId, params.projectId);
    return json({ msg: 'Granted' });
  },
  { isAdminOnly: true },
);

// DELETE /api/projects/{projectId}/members/{userId} — revoke; the user's next request to the project is a 404
export const DELETE = bffRoute<Params>(
  async ({ params, auth }) => {
    await auth.revokeProjectAccess(params.userId, params.projectId);
    return json({ msg: 'Revoked' });
  },
  { isAdminOnly: true },
);
