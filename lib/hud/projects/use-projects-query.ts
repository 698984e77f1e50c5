'use client';
// GET /api/projects — the signed-in user's projects with queue and message totals.
import { useQuery } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { useRefetchInterval } from '../polling-context';
import { hudKeys } from '../query-keys';
import type { ProjectSummary } from '../types';

export async function fetchProjects(): Promise<ProjectSummary[]> {
  return (await fetchJson<{ projects: ProjectSummary[] }>(apiPaths.projects())).projects;
}

export function useProjectsQuery() {
  return useQuery({ queryKey: hudKeys.projects(), queryFn: fetchProjects, refetchInterval: useRefetchInterval() });
}
