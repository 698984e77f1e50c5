'use client';
// POST …/queues/{queueName}/test-push — one real push to one subscriber; the answer is shown, nothing is cached.
import { useMutation } from '@tanstack/react-query';
import { apiPaths } from '../api-paths';
import { fetchJson } from '../fetch-json';
import type { TestPushView } from '../types';

export function sendTestPush(variables: { projectId: string; queueName: string; subscriber: string; body: string }): Promise<TestPushView> {
  const { subscriber, body } = variables;
  return fetchJson(apiPaths.testPush(variables.projectId, variables.queueName), { method: 'POST', body: { subscriber, body } });
}

/** A test push changes no data, so unlike other writes it invalidates nothing and raises no toast. */
export function useTestPushMutation() {
  return useMutation({ mutationFn: sendTestPush });
}
