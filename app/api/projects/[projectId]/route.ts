// One project: rename, and delete together with its queues, tokens and grants.
import { BffError } from '@/lib/bff/errors';
import { assertBodyNames, readJsonObject, requiredString } from '@/lib/bff/parse';
import { bffRoute, json } from '@/lib/bff/route';
import { allQueueNames, projectSummary } from '@/lib/bff/views';

type Params = { projectId: string };

// PATCH /api/projects/{projectId} — rename
export const PATCH = bffRoute<Params>(async ({ request, params, auth, engine }) => {
  const name = requiredString(await readJsonObject(request), 'name');
  const project = await auth.renameProject(params.projectId, name);
  return json(await projectSummary(engine, project));
});

// DELETE /api/projects/{projectId} {"name"} — delete its queues first, so no orphaned messages outlive it
export const DELETE = bffRoute<Params>(async ({ request, params, auth, engine }) => {
  const project = await auth.getProject(params.projectId);
  if (!project) throw new BffError('PROJECT_NOT_FOUND');
  await assertBodyNames(request, 'name', project.name, 'Deleting a project');
  for (const name of await allQueueNames(engine, params.projectId)) {
    await engine.deleteQueue(params.projectId, name).catch(() => undefined);
  }
  if (!(await auth.deleteProject(params.projectId))) throw new BffError('PROJECT_NOT_FOUND');
  return json({ msg: 'Deleted' });
});
