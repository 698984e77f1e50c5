'use client';
// DELETE /api/projects/{projectId}/members/{userId} — take a project away from a user.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import { useHudMutation } from '../use-hud-mutation';

export function revokeProject(variables: { projectId: string; projectName: string; userId: string; email: string }): Promise<unknown> {
  return fetchJson(apiPaths.member(variables.projectId, variables.userId), { method: 'DELETE' });
}

export function useRevokeProjectMutation() {
  return useHudMutation({
    mutationFn: revokeProject,
    invalidates: () => [hudKeys.users()],
    successText: (_data, { email, projectName }) => `${email} can no longer see “${projectName}”`,
  });
}
