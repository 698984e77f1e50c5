// Access checks for the HUD's server components: the same rules as the BFF (session, then a grant
// on the project), answered the page way — a redirect to sign in, or the not-found page.
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { isValidProjectId } from '../auth/project-ids';
import type { Project } from '../auth/types';
import { queueNameFromSegment } from '../hud/queue-name-segment';
import { getRuntimeOrThrow } from '../runtime-access';
import { getHudUserOrNull, type HudUser } from './session';

/** Cached per request, so a layout and its page ask the store once. */
export const requireHudUser = cache(async (): Promise<HudUser> => {
  const user = await getHudUserOrNull();
  if (!user) redirect('/login');
  return user;
});

/** The project when the signed-in user may see it; otherwise the not-found page, never a 403 that confirms it exists. */
export const getProjectOrNotFound = cache(async (projectId: string): Promise<Project> => {
  const user = await requireHudUser();
  const { auth } = getRuntimeOrThrow();
  if (!isValidProjectId(projectId) || !(await auth.hasProjectAccess(user.id, projectId))) notFound();
  const project = await auth.getProject(projectId);
  if (!project) notFound();
  return project;
});

/**
 * The queue named by a page's `[queueName]` segment. Next hands pages the still-encoded segment
 * (route handlers get it decoded); lib/server.ts has already refused malformed escapes.
 */
export function queueNameParam(rawSegment: string): string {
  return queueNameFromSegment(decodeURIComponent(rawSegment));
}
