'use client';
// PATCH /api/projects/{projectId} — rename a project.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { ProjectSummary } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export function renameProject(variables: { projectId: string; name: string }): Promise<ProjectSummary> {
  return fetchJson(apiPaths.project(variables.projectId), { method: 'PATCH', body: { name: variables.name } });
}

export function useRenameProjectMutation() {
  return useHudMutation({
    mutationFn: renameProject,
    invalidates: () => [hudKeys.projects()],
    successText: (project) => `Project renamed to “${project.name}”`,
  });
}
