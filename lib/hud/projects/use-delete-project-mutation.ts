'use client';
// DELETE /api/projects/{projectId} — delete a project with its queues and tokens.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import { useHudMutation } from '../use-hud-mutation';

export function deleteProject(variables: { projectId: string; name: string }): Promise<unknown> {
  return fetchJson(apiPaths.project(variables.projectId), { method: 'DELETE', body: { name: variables.name } });
}

export function useDeleteProjectMutation() {
  return useHudMutation({
    mutationFn: deleteProject,
    invalidates: () => [hudKeys.projects()],
    removes: ({ projectId }) => [['projects', projectId]],
    successText: (_data, { name }) => `Project “${name}” deleted`,
  });
}
