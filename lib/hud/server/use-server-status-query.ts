'use client';
// GET /api/server — the server's own figures for the admins' server page, refreshed live.
import { useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { ServerStatusView } from '../server-types';

export function fetchServerStatus(): Promise<ServerStatusView> {
  return fetchJson(apiPaths.server());
}

export function useServerStatusQuery() {
  return useQuery({ queryKey: hudKeys.server(), queryFn: fetchServerStatus, refetchInterval: useRefetchInterval() });
}
