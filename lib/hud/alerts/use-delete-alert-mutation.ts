'use client';
// DELETE …/queues/{queueName}/alerts/{alertId} {"alert"} — delete an alert.
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import { hudKeys } from '../query-keys';
import { useHudMutation } from '../use-hud-mutation';

export function deleteAlert(variables: { projectId: string; queueName: string; alertId: string }): Promise<unknown> {
  return fetchJson(apiPaths.alert(variables.projectId, variables.queueName, variables.alertId), { method: 'DELETE', body: { alert: variables.alertId } });
}

export function useDeleteAlertMutation() {
  return useHudMutation({
    mutationFn: deleteAlert,
    invalidates: ({ projectId, queueName }) => [hudKeys.queue(projectId, queueName)],
    successText: () => 'Alert deleted',
  });
}
