'use client';
// POST /api/projects — create a project.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { ProjectSummary } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export function createProject(variables: { name: string }): Promise<ProjectSummary> {
  return fetchJson(apiPaths.projects(), { method: 'POST', body: variables });
}

export function useCreateProjectMutation() {
  return useHudMutation({
    mutationFn: createProject,
    invalidates: () => [hudKeys.projects()],
    successText: (project) => `Project “${project.name}” created`,
  });
}
