'use client';
// POST …/queues/{queueName}/alerts {alert} — add a size alert.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { AlertInput } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export function addAlert(variables: { projectId: string; queueName: string; alert: AlertInput }): Promise<unknown> {
  return fetchJson(apiPaths.alerts(variables.projectId, variables.queueName), { method: 'POST', body: { alert: variables.alert } });
}

export function useAddAlertMutation() {
  return useHudMutation({
    mutationFn: addAlert,
    invalidates: ({ projectId, queueName }) => [hudKeys.queue(projectId, queueName)],
    successText: () => 'Alert added',
    isErrorShownInline: true,
  });
}
