// No URL can turn a queue action into a project action: the HUD's BFF and pages over literal
// paths (node:http sends `..`, `%2e%2e` and malformed escapes exactly as written, which a browser
// would normalise), with the admin's session. Each test works in a project of its own and checks
// afterwards that the project, its other queues and its tokens are all still there.
import { expect, test } from '@playwright/test';
import http from 'node:http';
import { readFileSync } from 'node:fs';
import { ADMIN_STATE, BASE_URL } from '../support/env';
import { uniqueName } from '../support/hud';

interface Reply {
  status: number;
  contentType: string;
  body: any;
  text: string;
}

/** The signed-in admin's cookies, as a Cookie header. */
function sessionCookie(): string {
  const state = JSON.parse(readFileSync(ADMIN_STATE, 'utf8')) as { cookies: Array<{ name: string; value: string }> };
  return state.cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}

/** One request with the path exactly as given. */
function send(method: string, path: string, json?: unknown): Promise<Reply> {
  const { hostname, port } = new URL(BASE_URL);
  const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  const headers: Record<string, string> = { cookie: sessionCookie(), origin: BASE_URL };
  if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': String(body.length) });
  return new Promise((resolve, reject) => {
    const req = http.request({ host: hostname, port, method, path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type']), body: parsed, text });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

interface Fixture {
  projectId: string;
  projectName: string;
  queues: string[];
  tokenIds: string[];
}

/** A project with a few queues holding messages and a token, made through the BFF. */
async function makeProject(): Promise<Fixture> {
  const projectName = uniqueName('trap');
  const created = await send('POST', '/api/projects', { name: projectName });
  expect(created.status, created.text).toBe(201);
  const projectId = created.body.id as string;
  const queues = ['messages', 'orders', 'a/b'];
  for (const queue of queues) {
    const posted = await send('POST', `/api/projects/${projectId}/queues/${encodeURIComponent(queue)}/messages`, { messages: [{ body: 'keep' }, { body: 'me' }] });
    expect(posted.status, posted.text).toBe(201);
  }
  const token = await send('POST', `/api/projects/${projectId}/tokens`, { name: 'keep-me' });
  expect(token.status, token.text).toBe(201);
  return { projectId, projectName, queues, tokenIds: [token.body.token.id] };
}

/** Everything the fixture made is still there, with every message. */
async function expectUntouched(fixture: Fixture): Promise<void> {
  const projects = await send('GET', '/api/projects');
  expect(projects.body.projects.map((p: { id: string }) => p.id)).toContain(fixture.projectId);
  for (const queue of fixture.queues) {
    const detail = await send('GET', `/api/projects/${fixture.projectId}/queues/${encodeURIComponent(queue)}`);
    expect(detail.status, `${queue}: ${detail.text}`).toBe(200);
    expect(detail.body.size).toBe(2);
  }
  const tokens = await send('GET', `/api/projects/${fixture.projectId}/tokens`);
  expect(tokens.body.tokens.map((t: { id: string }) => t.id)).toEqual(expect.arrayContaining(fixture.tokenIds));
}

async function dropProject(fixture: Fixture): Promise<void> {
  const reply = await send('DELETE', `/api/projects/${fixture.projectId}`, { name: fixture.projectName });
  expect(reply.status, reply.text).toBe(200);
}

test('dot segments and empty segments in BFF paths are refused before any route runs', async () => {
  const fixture = await makeProject();
  const base = `/api/projects/${fixture.projectId}`;
  const traps: Array<[string, string, unknown?]> = [
    ['DELETE', `${base}/queues/..`, { queue: '..' }],
    ['DELETE', `${base}/queues/%2e%2e`, { name: fixture.projectName }],
    ['DELETE', `${base}/queues/%2E%2e/`],
    ['DELETE', `${base}/queues/./messages`, { queue: '.' }],
    ['DELETE', `${base}/queues/%2e/messages`, { queue: 'messages' }],
    ['DELETE', `${base}/queues/orders/messages/..`, { queue: 'orders' }],
    ['DELETE', `${base}/queues/orders/messages/.`, { queue: 'orders' }],
    ['DELETE', `${base}/tokens/..`, { name: fixture.projectName }],
    ['DELETE', `${base}/queues//messages`],
    ['DELETE', `${base}/queues/orders/messages/`, { queue: 'orders' }],
    ['DELETE', `${base}/queues/orders/`, { queue: 'orders' }],
  ];
  for (const [method, path, body] of traps) {
    const reply = await send(method, path, body);
    expect(reply.status, `${method} ${path}: ${reply.text}`).toBe(400);
    expect(reply.body.code).toBe('BAD_REQUEST');
  }
  await expectUntouched(fixture);
  await dropProject(fixture);
});

test('a destructive call must name what it destroys in its body', async () => {
  const fixture = await makeProject();
  const base = `/api/projects/${fixture.projectId}`;
  const refused: Array<[string, unknown?]> = [
    [base],
    [base, {}],
    [base, { name: `${fixture.projectName}-not` }],
    [base, { queue: 'orders' }],
    [`${base}/queues/orders`],
    [`${base}/queues/orders`, { queue: 'messages' }],
    [`${base}/queues/orders`, { name: fixture.projectName }],
    [`${base}/queues/orders/messages`],
    [`${base}/queues/orders/messages`, { queue: 'a/b' }],
    [`${base}/queues/a%2Fb/messages`, { reservationId: 'x' }],
  ];
  for (const [path, body] of refused) {
    const reply = await send('DELETE', path, body);
    expect(reply.status, `DELETE ${path} ${JSON.stringify(body)}: ${reply.text}`).toBe(400);
    expect(reply.body.msg).toMatch(/needs \{"(name|queue)": …\} in the body/);
  }
  await expectUntouched(fixture);

  const cleared = await send('DELETE', `${base}/queues/a%2Fb/messages`, { queue: 'a/b' });
  expect(cleared.status, cleared.text).toBe(200);
  const deleted = await send('DELETE', `${base}/queues/orders`, { queue: 'orders' });
  expect(deleted.status, deleted.text).toBe(200);
  expect((await send('GET', `${base}/queues/a%2Fb`)).body.size).toBe(0);
  expect((await send('GET', `${base}/queues/orders`)).status).toBe(404);
  expect((await send('GET', `${base}/queues/messages`)).body.size).toBe(2);
  await dropProject(fixture);
  expect((await send('GET', `${base}/queues`)).status).toBe(404);
});

test('malformed percent-encoding answers 400, never a bare 500', async () => {
  const fixture = await makeProject();
  const base = `/api/projects/${fixture.projectId}`;
  const bad = ['%E0%A4%A', '%', '%ZZ', 'a%2', '%C0%AF', '%ED%A0%80', '%FF'];
  for (const segment of bad) {
    for (const [method, path] of [
      ['GET', `${base}/queues/${segment}`],
      ['DELETE', `${base}/queues/${segment}`],
      ['GET', `${base}/queues/${segment}/messages`],
      ['DELETE', `${base}/queues/${segment}/messages`],
      ['POST', `${base}/queues/${segment}/reservations`],
      ['DELETE', `/api/projects/${segment}`],
    ]) {
      const reply = await send(method, path, {});
      expect(reply.status, `${method} ${path}: ${reply.text.slice(0, 200)}`).toBe(400);
      expect(reply.contentType).toBe('application/json');
      expect(reply.body).toEqual({ code: 'BAD_REQUEST', msg: 'The URL path has malformed percent-encoding' });
    }
    const page = await send('GET', `/projects/${fixture.projectId}/queues/${segment}?tab=messages`);
    expect(page.status, `page ${segment}`).toBe(400);
    expect(page.text).toContain('malformed percent-encoding');
  }
  await expectUntouched(fixture);
  await dropProject(fixture);
});
