// HUD users, for admins only: list them with their project grants, and create one.
import type { AuthStore } from '@/lib/auth/auth-store';
import type { User } from '@/lib/auth/types';
import { BffError } from '@/lib/bff/errors';
import { readJsonObject, requiredString } from '@/lib/bff/parse';
import { bffRoute, json } from '@/lib/bff/route';
import { userView } from '@/lib/bff/views';

async function grantedProjectIds(auth: AuthStore, user: User): Promise<string[]> {
  if (user.isAdmin) return [];
  return (await auth.listProjectsForUser(user.id)).map((project) => project.id);
}

// GET /api/users — every user, oldest first, with the projects granted to each
export const GET = bffRoute(
  async ({ auth }) => {
    const users = await auth.listUsers();
    return json({ users: await Promise.all(users.map(async (user) => userView(user, await grantedProjectIds(auth, user)))) });
  },
  { isAdminOnly: true },
);

// POST /api/users — create a user from {email, password, isAdmin?}; the store checks the rules
export const POST = bffRoute(
  async ({ request, auth }) => {
    const body = await readJsonObject(request);
    const isAdmin = body.isAdmin ?? false;
    if (typeof isAdmin !== 'boolean') throw new BffError('BAD_REQUEST', 'isAdmin must be a boolean');
    const user = await auth.createUser(requiredString(body, 'email'), requiredString(body, 'password'), { isAdmin });
    return json(userView(user, []), 201);
  },
  { isAdminOnly: true },
);
