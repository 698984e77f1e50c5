// The HUD's react-query key factory: every cached query is named here, nested so that
// invalidating a prefix (a project's queues, one queue) refreshes everything beneath it.
import type { HistoryRange } from './types';

export const hudKeys = {
  projects: () => ['projects'] as const,
  users: () => ['users'] as const,
  server: () => ['server'] as const,
  tokens: (projectId: string) => ['projects', projectId, 'tokens'] as const,
  queues: (projectId: string) => ['projects', projectId, 'queues'] as const,
  queuePage: (projectId: string, prefix: string, after: string) => [...hudKeys.queues(projectId), 'page', { prefix, after }] as const,
  queueSparklines: (projectId: string, prefix: string, after: string) =>
    [...hudKeys.queues(projectId), 'sparklines', { prefix, after }] as const,
  queue: (projectId: string, queueName: string) => [...hudKeys.queues(projectId), 'queue', queueName] as const,
  queueHistory: (projectId: string, queueName: string, range: HistoryRange) =>
    [...hudKeys.queue(projectId, queueName), 'history', range] as const,
  messages: (projectId: string, queueName: string) => [...hudKeys.queue(projectId, queueName), 'messages'] as const,
  messagePage: (projectId: string, queueName: string, after: string) =>
    [...hudKeys.messages(projectId, queueName), 'page', after] as const,
  message: (projectId: string, queueName: string, messageId: string) =>
    [...hudKeys.messages(projectId, queueName), 'message', messageId] as const,
  deliveries: (projectId: string, queueName: string) => [...hudKeys.queue(projectId, queueName), 'deliveries'] as const,
  deliveryPage: (projectId: string, queueName: string, filter: { subscriber: string; status: string; after: string }) =>
    [...hudKeys.deliveries(projectId, queueName), 'page', filter] as const,
  messageDeliveries: (projectId: string, queueName: string, messageId: string) =>
    [...hudKeys.deliveries(projectId, queueName), 'message', messageId] as const,
  alertMessages: (projectId: string, queueName: string) => [...hudKeys.queue(projectId, queueName), 'alert-messages'] as const,
  redrives: (projectId: string, queueName: string) => [...hudKeys.queue(projectId, queueName), 'redrives'] as const,
};
