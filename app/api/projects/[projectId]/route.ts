// One project: rename, and delete together with its queues, tokens and grants.
import { BffError } from '@/lib/bff/errors';
import { assertBodyNames, readJsonObject, requiredString } from '@/lib/bff/parse';
import { bffRoute, json } from '@/lib/bff/route';
import { projectSummary } from '@/lib/bff/views';

type Params = { projectId: string };

// PATCH /api/projects/{projectId} — rename
export const PATCH = bffRoute<Params>(async ({ request, params, auth, engine }) => {
  const name = requiredString(await readJsonObject(request), 'name');
  const project = await auth.renameProject(params.projectId, name);
  return json(await projectSummary(engine, project));
});

// DELETE /api/projects/{projectId} {"name"} — the project with its queues, tokens and grants
export const DELETE = bffRoute<Params>(async ({ request, params, auth, engine }) => {
  const project = await auth.getProject(params.projectId);
  if (!project) throw new BffError('PROJECT_NOT_FOUND');
  await assertBodyNames(request, 'name', project.name, 'Deleting a project');
  // Queues first, so a failure leaves the project in place to delete again, never queues without
  // a project; the second pass catches a queue an API client created in between. Any failure
  // answers as an error: nothing here is swallowed.
  await engine.deleteProjectQueues(params.projectId);
  if (!(await auth.deleteProject(params.projectId))) throw new BffError('PROJECT_NOT_FOUND');
  await engine.deleteProjectQueues(params.projectId);
  return json({ msg: 'Deleted' });
});
