'use client';
// POST …/queues/{queueName}/redrives — start a redrive job on the server.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { RedriveInput, RedriveView } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export function startRedrive(variables: { projectId: string; queueName: string; redrive: RedriveInput }): Promise<RedriveView> {
  return fetchJson(apiPaths.redrives(variables.projectId, variables.queueName), { method: 'POST', body: variables.redrive });
}

export function useStartRedriveMutation() {
  return useHudMutation({
    mutationFn: startRedrive,
    invalidates: ({ projectId, queueName }) => [hudKeys.redrives(projectId, queueName)],
    successText: (job) => `Redrive to “${job.targetQueue}” started`,
    isErrorShownInline: true,
  });
}
