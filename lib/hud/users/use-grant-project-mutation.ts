'use client';
// PUT /api/projects/{projectId}/members/{userId} — let a user see a project.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import { useHudMutation } from '../use-hud-mutation';

export function grantProject(variables: { projectId: string; projectName: string; userId: string; email: string }): Promise<unknown> {
  return fetchJson(apiPaths.member(variables.projectId, variables.userId), { method: 'PUT' });
}

export function useGrantProjectMutation() {
  return useHudMutation({
    mutationFn: grantProject,
    invalidates: () => [hudKeys.users()],
    successText: (_data, { email, projectName }) => `${email} can now see “${projectName}”`,
  });
}
