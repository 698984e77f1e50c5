'use client';
// PUT …/queues/{queueName}/alerts/{alertId} {alert} — change an alert in place.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import type { AlertInput } from '../types';
import { useHudMutation } from '../use-hud-mutation';

export function updateAlert(variables: { projectId: string; queueName: string; alertId: string; alert: AlertInput }): Promise<unknown> {
  return fetchJson(apiPaths.alert(variables.projectId, variables.queueName, variables.alertId), { method: 'PUT', body: { alert: variables.alert } });
}

export function useUpdateAlertMutation() {
  return useHudMutation({
    mutationFn: updateAlert,
    invalidates: ({ projectId, queueName }) => [hudKeys.queue(projectId, queueName)],
    successText: () => 'Alert saved',
    isErrorShownInline: true,
  });
}
