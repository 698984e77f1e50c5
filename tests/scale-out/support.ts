// Shared pieces of the scale-out tests: a pair of Ferro instances on one fresh PostgreSQL database
// (tests/helpers/pg-pair.ts) whichever topology the run asked for, and a keep-alive wire client
// bound to one instance, so a test says which instance each request goes to.
import http from 'node:http';
import { startPgPair, type ServerPair } from '../helpers/pg-pair';
import { startServer, type StartOptions, type TestServer } from '../helpers/server';

export function startPair(options: StartOptions = {}): Promise<ServerPair> {
  return startPgPair(options, startServer);
}

export interface Answer {
  status: number;
  body: any;
}

/** The v3 API of one queue on one instance, over its own keep-alive connections. */
export class InstanceClient {
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  constructor(
    private readonly server: Pick<TestServer, 'port' | 'projectId' | 'token'>,
    readonly queue: string,
  ) {}

  path(suffix = ''): string {
    return `/3/projects/${this.server.projectId}/queues/${encodeURIComponent(this.queue)}${suffix}`;
  }

  /** Resolves with the answer; rejects when no answer came (the instance died mid-request). */
  call(method: string, suffix: string, json?: unknown): Promise<Answer> {
    const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          host: '127.0.0.1',
          port: this.server.port,
          method,
          path: this.path(suffix),
          agent: this.agent,
          headers: { Authorization: `OAuth ${this.server.token}`, ...(body ? { 'Content-Type': 'application/json', 'Content-Length': body.length } : {}) },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            let parsed: unknown;
            try {
              parsed = text ? JSON.parse(text) : undefined;
            } catch {
              parsed = text;
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
