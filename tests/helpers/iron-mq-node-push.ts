// Promise face of the push calls of the official Node client (npm iron_mq 0.9.3, lib/client.js;
// docs/api.md §8.3), beside the pull-queue calls in iron-mq-node.ts. Method names and
// arguments stay the client's own; only the callback becomes a promise.
import { createRequire } from 'node:module';
import { callOnce, type RawClient } from './callback-client';
import type { TestServer } from './server';

const { Client } = createRequire(import.meta.url)('iron_mq') as { Client: new (options: object) => RawClient };

type Body = Record<string, any>;

export interface NodeSubscriber {
  name?: string;
  url?: string;
  headers?: Record<string, string>;
}

export interface IronMqNodePush {
  create_queue(name: string, options: Body): Promise<Body>;
  info(): Promise<Body>;
  del_queue(): Promise<Body>;
  post(messages: string | Body | (string | Body)[]): Promise<string | string[]>;
  /** One subscriber or a list; POST /subscribers. */
  add_subscribers(subscribers: NodeSubscriber | NodeSubscriber[]): Promise<Body>;
  /** DELETE /subscribers. */
  rm_subscribers(subscribers: NodeSubscriber | NodeSubscriber[]): Promise<Body>;
  /** PUT /subscribers. */
  rpl_subscribers(subscribers: NodeSubscriber | NodeSubscriber[]): Promise<Body>;
  /** GET …/messages/{id}/subscribers; resolves with the whole body `{subscribers: [...]}`. */
  msg_push_statuses(id: string): Promise<Body>;
  /** DELETE …/messages/{id} with reservation_id and subscriber_name: acknowledges a 202. */
  del_msg_push_status(id: string, reservationId: string, subscriberName: string): Promise<Body>;
}

const METHODS = ['create_queue', 'info', 'del_queue', 'post', 'add_subscribers', 'rm_subscribers', 'rpl_subscribers', 'msg_push_statuses', 'del_msg_push_status'] as const;


/** The client configured as in docs/api.md §7.2, pointed at a test server and one queue. */
export function ironMqNodePush(server: Pick<TestServer, 'port' | 'projectId' | 'token'>, queueName: string): IronMqNodePush {
  const client = new Client({
    host: '127.0.0.1',
    port: server.port,
    scheme: 'http',
    project_id: server.projectId,
    token: server.token,
    queue_name: queueName,
    api_version: 3,
  });
  return Object.fromEntries(METHODS.map((method) => [method, (...args: unknown[]) => callOnce(client, method, args)])) as unknown as IronMqNodePush;
}
