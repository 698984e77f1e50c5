// Promise face of the official v1 Node client (npm iron_mq 0.2.4, installed as `iron_mq_v1`;
// docs/api.md §8.4), which speaks `/1/`. Method names and arguments stay the client's own so a
// test reads like its README; only the callback becomes a promise.
import { createRequire } from 'node:module';
import { wrapClient, type RawClient } from './callback-client';
import type { TestServer } from './server';

// The package ships no types; createRequire keeps TypeScript from demanding a declaration file.
const { Client } = createRequire(import.meta.url)('iron_mq_v1') as { Client: new (options: object) => RawClient };


/** A message as v1 GET /messages and peek hand it back: no reservation id, a `timeout` in seconds. */
export interface IronMessageV1 {
  id: string;
  body: string;
  timeout: number;
  reserved_count: number;
  status?: string;
}

/** The bare v1 queue object (§5.2). */
export interface IronQueueV1 {
  id: string;
  project_id: string;
  name: string;
  size: number;
  total_messages: number;
  reserved: number;
  push_type?: string;
  retries?: number;
  retries_delay?: number;
  error_queue?: string;
  subscribers?: { url: string; headers?: Record<string, string> }[];
  alerts?: { id: string; type: string; direction: string; trigger: number; queue: string; snooze: number }[];
}

export interface GetOptions {
  n?: number;
  timeout?: number;
  wait?: number;
}

export interface NewMessageV1 {
  body: string;
  timeout?: number;
  delay?: number;
  expires_in?: number;
}

type Body = Record<string, any>;

/**
 * The calls of iron_mq 0.2.4 (lib/client.js). `get`/`peek` return one message (or undefined)
 * when `n` is absent or 1 and an array otherwise; `post` returns one id for one message and an
 * array of ids for several.
 */
export interface IronMqNodeV1 {
  queue(name: string): IronMqNodeV1;
  queues(options: { page?: number; per_page?: number }): Promise<{ id: string; project_id: string; name: string }[]>;
  info(): Promise<IronQueueV1>;
  update(options: Body): Promise<IronQueueV1>;
  clear(): Promise<Body>;
  del_queue(): Promise<Body>;
  post(messages: string | NewMessageV1 | (string | NewMessageV1)[]): Promise<string | string[]>;
  get(options: GetOptions): Promise<IronMessageV1 | IronMessageV1[] | undefined>;
  get_n(options: GetOptions): Promise<IronMessageV1[]>;
  peek(options: { n?: number }): Promise<IronMessageV1 | IronMessageV1[] | undefined>;
  peek_n(options: { n?: number }): Promise<IronMessageV1[]>;
  msg_get(id: string): Promise<IronMessageV1>;
  del(id: string): Promise<Body>;
  del_multiple(ids: string[]): Promise<Body>;
  msg_touch(id: string): Promise<Body>;
  msg_release(id: string, options: { delay?: number }): Promise<Body>;
  add_subscribers(subscribers: Body | Body[]): Promise<IronQueueV1>;
  rm_subscribers(subscribers: Body | Body[]): Promise<IronQueueV1>;
  msg_push_statuses(id: string): Promise<{ subscribers: Body[] }>;
  del_msg_push_status(id: string, subscriberId: string): Promise<Body>;
  add_alerts(alerts: Body | Body[]): Promise<Body>;
  update_alerts(alerts: Body | Body[]): Promise<Body>;
  delete_alerts(alerts: Body | Body[]): Promise<Body>;
  delete_alert_by_id(id: string): Promise<Body>;
}

const CALLBACK_METHODS = [
  'queues', 'info', 'update', 'clear', 'del_queue', 'post', 'get', 'get_n', 'peek', 'peek_n', 'msg_get', 'del',
  'del_multiple', 'msg_touch', 'msg_release', 'add_subscribers', 'rm_subscribers', 'msg_push_statuses',
  'del_msg_push_status', 'add_alerts', 'update_alerts', 'delete_alerts', 'delete_alert_by_id',
] as const;

/**
 * The v1 client pointed at a test server and one queue (§7.2). `api_version` is pinned because
 * iron_core would otherwise take it from IRON_API_VERSION or an iron.json in the working or home
 * directory. The client puts queue names into paths unencoded, so tests use plain names.
 */
export function ironMqNodeV1(server: Pick<TestServer, 'port' | 'projectId' | 'token'>, queueName: string): IronMqNodeV1 {
  return wrapClient<IronMqNodeV1>(
    new Client({
      host: '127.0.0.1',
      port: server.port,
      scheme: 'http',
      project_id: server.projectId,
      token: server.token,
      queue_name: queueName,
      api_version: 1,
    }),
    CALLBACK_METHODS,
  );
}
