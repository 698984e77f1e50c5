'use client';
// GET /api/projects/{projectId}/tokens — a project's API tokens, masked.
import { useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { TokenView } from '../types';

export async function fetchTokens(projectId: string): Promise<TokenView[]> {
  return (await fetchJson<{ tokens: TokenView[] }>(apiPaths.tokens(projectId))).tokens;
}

export function useTokensQuery(projectId: string) {
  return useQuery({
    queryKey: hudKeys.tokens(projectId),
    queryFn: () => fetchTokens(projectId),
    refetchInterval: useRefetchInterval(),
  });
}
