// The official Node client (npm iron_mq 0.9.3) for the e2e specs, configured as in
// tests/helpers/iron-mq-node.ts. That helper uses import.meta, which Playwright's CommonJS
// transform cannot load, so the one call the specs need (post) is wrapped again here.
import { createRequire } from 'node:module';

type Callback = (error: Error | null | undefined, body?: unknown) => unknown;
interface RawQueue {
  post(messages: unknown, callback: Callback): unknown;
}
const { Client } = createRequire(__filename)('iron_mq') as { Client: new (options: object) => RawQueue };

/** A client for one queue; `post` settles on the client's first callback (some methods call back twice). */
export function ironMqQueue(options: { port: number; projectId: string; token: string; queueName: string }) {
  const client = new Client({
    host: '127.0.0.1',
    port: options.port,
    scheme: 'http',
    project_id: options.projectId,
    token: options.token,
    queue_name: options.queueName,
    api_version: 3,
  });
  return {
    post: (body: string) =>
      new Promise<unknown>((resolve, reject) => {
        let isSettled = false;
        client.post({ body }, (error, result) => {
          if (isSettled) return;
          isSettled = true;
          if (error) reject(error);
          else resolve(result);
        });
      }),
  };
}
