'use client';
// POST /api/projects/{projectId}/tokens — create a token; the reply holds its secret, once.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { CreatedTokenView } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export function createToken(variables: { projectId: string; name: string }): Promise<CreatedTokenView> {
  return fetchJson(apiPaths.tokens(variables.projectId), { method: 'POST', body: { name: variables.name } });
}

export function useCreateTokenMutation() {
  return useHudMutation({
    mutationFn: createToken,
    invalidates: ({ projectId }) => [hudKeys.tokens(projectId)],
    successText: (created) => `Token “${created.token.name}” created`,
  });
}
