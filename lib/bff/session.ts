// Who is signed in to the HUD, for route handlers and server components alike. The session cookie
// says who; the auth store says whether that user still exists and is still an admin.
import { getServerSession } from 'next-auth';
import { getRuntimeOrThrow } from '../runtime-access';
import { authOptions } from './auth-options';

export interface HudUser {
  id: string;
  email: string;
  isAdmin: boolean;
}

/** The signed-in user, or null without a valid session or when the user has since been removed. */
export async function getHudUserOrNull(): Promise<HudUser | null> {
  const session = await getServerSession(authOptions);
  const userId = session?.user?.id;
  if (!userId) return null;
  const user = await getRuntimeOrThrow().auth.getUser(userId);
  return user ? { id: user.id, email: user.email, isAdmin: user.isAdmin } : null;
}
