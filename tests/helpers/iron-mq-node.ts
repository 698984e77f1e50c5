// Promise face of the official Node client (npm iron_mq 0.9.3, iron_core + request) for tests
// that drive it against Ferro. The method names and arguments stay the client's own, so a test
// reads like the client's README; only the callback becomes a promise.
import { createRequire } from 'node:module';
import { wrapClient, type RawClient } from './callback-client';
import type { TestServer } from './server';

// The package ships no types; createRequire keeps TypeScript from demanding a declaration file.
const { Client } = createRequire(import.meta.url)('iron_mq') as { Client: new (options: object) => RawClient };


/** A message as the client hands it back (reserve items carry `reservation_id`, peek items do not). */
export interface IronMessage {
  id: string;
  body: string;
  reserved_count: number;
  reservation_id?: string;
}

export interface ReserveOptions {
  n?: number;
  timeout?: number;
  wait?: number;
  delete?: boolean;
}

type Body = Record<string, any>;

/**
 * The pull-queue calls of iron_mq 0.9.3 (lib/client.js). `reserve`/`get`/`peek` return one
 * message (or undefined) when `n` is absent or 1 and an array otherwise; `post` returns one id
 * for one message and an array of ids for several. Push calls (subscribers, push statuses) are
 * left out.
 */
export interface IronMqNode {
  queue(name: string): IronMqNode;
  queues(options: { per_page?: number; previous?: string; prefix?: string }): Promise<{ name: string }[]>;
  create_queue(name: string, options: Body): Promise<Body>;
  update_queue(name: string, options: Body): Promise<Body>;
  update(options: Body): Promise<Body>;
  info(): Promise<Body>;
  clear(): Promise<Body>;
  del_queue(): Promise<Body>;
  post(messages: string | Body | (string | Body)[]): Promise<string | string[]>;
  reserve(options: ReserveOptions): Promise<IronMessage | IronMessage[] | undefined>;
  get(options: ReserveOptions): Promise<IronMessage | IronMessage[] | undefined>;
  get_n(options: ReserveOptions): Promise<IronMessage[]>;
  peek(options: { n?: number }): Promise<IronMessage | IronMessage[] | undefined>;
  peek_n(options: { n?: number }): Promise<IronMessage[]>;
  msg_get(id: string): Promise<IronMessage>;
  del(id: string, options: { reservation_id?: string }): Promise<Body>;
  del_multiple(options: { ids?: string[]; reservation_ids?: IronMessage[] }): Promise<Body>;
  msg_touch(id: string, reservationId: string, options: { timeout?: number }): Promise<Body>;
  msg_release(id: string, reservationId: string, options: { delay?: number }): Promise<Body>;
}

const CALLBACK_METHODS = [
  'queues', 'create_queue', 'update_queue', 'update', 'info', 'clear', 'del_queue', 'post', 'reserve', 'get',
  'get_n', 'peek', 'peek_n', 'msg_get', 'del', 'del_multiple', 'msg_touch', 'msg_release',
] as const;

/**
 * The client configured as in docs/api.md §7.2, pointed at a test server and one queue.
 * `api_version` is pinned because iron_core would otherwise take it from IRON_API_VERSION or an
 * iron.json in the working or home directory, and a developer's v1 setting would change the test.
 */
export function ironMqNode(server: Pick<TestServer, 'port' | 'projectId' | 'token'>, queueName: string): IronMqNode {
  return wrapClient<IronMqNode>(
    new Client({
      host: '127.0.0.1',
      port: server.port,
      scheme: 'http',
      project_id: server.projectId,
      token: server.token,
      queue_name: queueName,
      api_version: 3,
    }),
    CALLBACK_METHODS,
  );
}
