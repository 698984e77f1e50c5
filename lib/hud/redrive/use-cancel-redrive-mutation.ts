'use client';
// POST …/queues/{queueName}/redrives/{redriveId}/cancel — stop a running redrive after its current batch.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { RedriveView } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export function cancelRedrive(variables: { projectId: string; queueName: string; redriveId: string }): Promise<RedriveView> {
  return fetchJson(`${apiPaths.redrive(variables.projectId, variables.queueName, variables.redriveId)}/cancel`, { method: 'POST', body: {} });
}

export function useCancelRedriveMutation() {
  return useHudMutation({
    mutationFn: cancelRedrive,
    invalidates: ({ projectId }) => [hudKeys.queues(projectId)],
    successText: (job) => `Redrive cancelled after ${job.moved} messages`,
  });
}
