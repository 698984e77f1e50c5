// The HUD side of the fault probes: a server with the HUD on (tests/global-setup.ts builds it
// before any test runs), sign-in through next-auth's credentials flow over plain HTTP, and a
// small BFF client that sends a session cookie.
import { sendRequest, type ApiResponse } from '../../helpers/api';
import { startServer, type StartOptions, type TestServer } from '../../helpers/server';


export const ADMIN_EMAIL = 'admin@example.test';
export const ADMIN_PASSWORD = 'correct horse battery staple';

/** A `beforeAll` timeout that covers Next's start on a busy 2-core machine (tests/global-setup.ts builds it). */
export const HUD_SETUP_TIMEOUT_MS = 120_000;

/** Starts a server with the HUD on (the test helper switches it off by default). */
export async function startHudServer(options: StartOptions = {}): Promise<TestServer> {
  return startServer({ ...options, env: { FERRO_HUD: '1', NEXT_TELEMETRY_DISABLED: '1', ...options.env } });
}

/** `name=value` pairs of every Set-Cookie header, ready for a Cookie header. */
function cookiesOf(res: ApiResponse): string[] {
  const raw = res.headers['set-cookie'] ?? [];
  return raw.map((line) => line.split(';')[0]);
}

export interface SignInResult {
  status: number;
  /** The Cookie header of the new session; undefined when sign-in failed. */
  cookie: string | undefined;
  /** next-auth's error text (e.g. CredentialsSignin, or the throttle's message). */
  error: string | undefined;
}

/** One sign-in attempt as the login form makes it: CSRF token first, then the credentials callback. */
export async function signIn(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<SignInResult> {
  const csrf = await sendRequest(baseUrl, 'GET', '/api/auth/csrf', headers);
  if (csrf.status !== 200 || typeof csrf.body?.csrfToken !== 'string') throw new Error(`GET /api/auth/csrf answered ${csrf.status}: ${csrf.text.slice(0, 200)}`);
  const form = new URLSearchParams({ csrfToken: csrf.body.csrfToken, email, password, json: 'true', callbackUrl: '/projects' });
  const res = await sendRequest(
    baseUrl,
    'POST',
    '/api/auth/callback/credentials',
    { ...headers, 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookiesOf(csrf).join('; ') },
    Buffer.from(form.toString()),
  );
  const session = cookiesOf(res).filter((pair) => /session-token/.test(pair) && !/=$/.test(pair));
  const url = typeof res.body?.url === 'string' ? res.body.url : '';
  const error = new URL(url, baseUrl).searchParams.get('error') ?? undefined;
  return { status: res.status, cookie: session.length > 0 ? session.join('; ') : undefined, error };
}

export async function signInOrThrow(baseUrl: string, email: string, password: string): Promise<string> {
  const result = await signIn(baseUrl, email, password);
  if (!result.cookie) throw new Error(`sign-in as ${email} failed: ${result.status} ${result.error}`);
  return result.cookie;
}

export interface BffOptions {
  json?: unknown;
  raw?: Buffer;
  /** The Origin header; defaults to the server's own origin. null sends none. */
  origin?: string | null;
  headers?: Record<string, string>;
}

/** The BFF as one signed-in user. */
export class BffClient {
  constructor(
    readonly baseUrl: string,
    readonly cookie: string,
  ) {}

  request(method: string, urlPath: string, options: BffOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { Cookie: this.cookie };
    const origin = options.origin === undefined ? this.baseUrl : options.origin;
    if (origin !== null) headers.Origin = origin;
    let body = options.raw;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = Buffer.from(JSON.stringify(options.json));
    }
    return sendRequest(this.baseUrl, method, urlPath, { ...headers, ...options.headers }, body);
  }

  /** A request that must succeed with the given status; its JSON body. */
  async expect(status: number, method: string, urlPath: string, json?: unknown): Promise<any> {
    const res = await this.request(method, urlPath, { json });
    if (res.status !== status) throw new Error(`${method} ${urlPath} answered ${res.status}, expected ${status}: ${res.text.slice(0, 300)}`);
    return res.body;
  }

  /** A new project with one token; its id and the token's secret and id. */
  async createProject(name: string): Promise<{ id: string; token: string; tokenId: string }> {
    const project = await this.expect(201, 'POST', '/api/projects', { name });
    const created = await this.expect(201, 'POST', `/api/projects/${project.id}/tokens`, { name: `${name} token` });
    return { id: project.id, token: created.secret, tokenId: created.token.id };
  }

  /** A pull queue with the given bodies, made through the BFF so no API token is ever used on it. */
  async seedQueue(projectId: string, queue: string, bodies: string[]): Promise<string[]> {
    await this.expect(201, 'POST', `/api/projects/${projectId}/queues`, { name: queue });
    const posted = await this.expect(201, 'POST', `/api/projects/${projectId}/queues/${encodeURIComponent(queue)}/messages`, {
      messages: bodies.map((body) => ({ body })),
    });
    return posted.ids;
  }
}
