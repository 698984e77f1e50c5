// The signed-in user's projects: list with queue and message totals, and create.
import { bffRoute, json } from '@/lib/bff/route';
import { readJsonObject, requiredString } from '@/lib/bff/parse';
import { projectSummary } from '@/lib/bff/views';

// GET /api/projects — the projects this user may see, oldest first, with totals
export const GET = bffRoute(async ({ user, auth, engine }) => {
  const projects = await auth.listProjectsForUser(user.id);
  return json({ projects: await Promise.all(projects.map((project) => projectSummary(engine, project))) });
});

// POST /api/projects — create a project and grant it to its creator
export const POST = bffRoute(async ({ request, user, auth, engine }) => {
  const name = requiredString(await readJsonObject(request), 'name');
  const project = await auth.createProject({ name });
  await auth.grantProjectAccess(user.id, project.id);
  return json(await projectSummary(engine, project), 201);
});
