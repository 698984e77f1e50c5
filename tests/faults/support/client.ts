// A wire API client for fault probes: every call reports its outcome instead of throwing, and a
// call cut short by a dead server is `unknown` — it may or may not have taken effect, which is
// exactly what the checkers must allow for.
import { sendRequest, type ApiResponse } from '../../helpers/api';
import type { TestServer } from '../../helpers/server';

export type Outcome =
  | { kind: 'ok'; response: ApiResponse }
  | { kind: 'refused'; response: ApiResponse }
  /** Nothing listened: the request never reached a server, so it certainly did nothing. */
  | { kind: 'down'; error: string }
  | { kind: 'unknown'; error: string };

export class ProbeClient {
  constructor(
    private readonly server: Pick<TestServer, 'url' | 'projectId' | 'token'>,
    readonly queue: string,
  ) {}

  path(suffix = ''): string {
    return `/3/projects/${this.server.projectId}/queues/${encodeURIComponent(this.queue)}${suffix}`;
  }

  async call(method: string, suffix: string, json?: unknown): Promise<Outcome> {
    const headers: Record<string, string> = { Authorization: `OAuth ${this.server.token}` };
    let body: Buffer | undefined;
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = Buffer.from(JSON.stringify(json));
    }
    try {
      const response = await sendRequest(this.server.url, method, this.path(suffix), headers, body);
      return response.status >= 200 && response.status < 300 ? { kind: 'ok', response } : { kind: 'refused', response };
    } catch (error) {
      const isRefused = (error as { code?: string }).code === 'ECONNREFUSED';
      return { kind: isRefused ? 'down' : 'unknown', error: String(error) };
    }
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
