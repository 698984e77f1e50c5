'use client';
// DELETE /api/projects/{projectId}/tokens/{tokenId} — revoke a token.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import { useHudMutation } from '../use-hud-mutation';

export function revokeToken(variables: { projectId: string; tokenId: string; name: string }): Promise<unknown> {
  return fetchJson(apiPaths.token(variables.projectId, variables.tokenId), { method: 'DELETE' });
}

export function useRevokeTokenMutation() {
  return useHudMutation({
    mutationFn: revokeToken,
    invalidates: ({ projectId }) => [hudKeys.tokens(projectId)],
    successText: (_data, { name }) => `Token “${name}” revoked`,
  });
}
