// Authorisation of the BFF routes behind subscribers, test pushes, deliveries, alerts and
// redrives, over plain HTTP: without a session each answers 401; a signed-in user without a grant
// on the project gets 404 as if it did not exist; a write from another origin (or none) is 403.
// Afterwards nothing has changed: no subscriber, alert or job, no push sent, no message moved.
import { expect, request as playwrightRequest, test, type APIRequestContext } from '@playwright/test';
import { ADMIN_STATE, BASE_URL, PROJECT_ID } from '../support/env';
import { createHudUser, seedMessages, uniqueName, wireApi } from '../support/hud';
import { startSubscriber, type LocalSubscriber } from '../support/subscribers';

const PUSH = uniqueName('auth-push');
const PULL = uniqueName('auth-pull');
const DEAD = `${PULL}-dead`;
const q = encodeURIComponent;
let hook: LocalSubscriber;
let alertId = '';
let jobId = '';

interface Route {
  method: string;
  path: () => string;
  data?: unknown;
}

const base = () => `/api/projects/${PROJECT_ID}/queues`;
const WRITES: Route[] = [
  { method: 'PATCH', path: () => `${base()}/${q(PUSH)}`, data: { push: { retries: 9, subscribers: [{ name: 'x', url: 'http://127.0.0.1:9/' }] } } },
  { method: 'POST', path: () => `${base()}/${q(PUSH)}/subscribers`, data: { subscriber: { name: 'intruder', url: 'http://127.0.0.1:9/' }, isNew: true } },
  { method: 'DELETE', path: () => `${base()}/${q(PUSH)}/subscribers`, data: { subscriber: 'hook' } },
  { method: 'POST', path: () => `${base()}/${q(PUSH)}/test-push`, data: { subscriber: 'hook', body: 'intrusion' } },
  { method: 'POST', path: () => `${base()}/${q(PULL)}/alerts`, data: { alert: { type: 'fixed', direction: 'asc', trigger: 7, queue: 'x', snoozeMs: 0 } } },
  { method: 'PUT', path: () => `${base()}/${q(PULL)}/alerts/${alertId}`, data: { alert: { type: 'fixed', direction: 'asc', trigger: 8, queue: 'x', snoozeMs: 0 } } },
  { method: 'DELETE', path: () => `${base()}/${q(PULL)}/alerts/${alertId}`, data: { alert: alertId } },
  { method: 'POST', path: () => `${base()}/${q(DEAD)}/redrives`, data: { targetQueue: PULL, ratePerSecond: 10_000, isErrorReport: false } },
  { method: 'POST', path: () => `${base()}/${q(DEAD)}/redrives/${jobId}/cancel`, data: {} },
];
const READS: Route[] = [
  { method: 'GET', path: () => `${base()}/${q(PUSH)}/deliveries` },
  { method: 'GET', path: () => `${base()}/${q(PULL)}/alert-messages` },
  { method: 'GET', path: () => `${base()}/${q(DEAD)}/redrives` },
  { method: 'GET', path: () => `${base()}/${q(DEAD)}/redrives/${jobId}` },
];

function send(context: APIRequestContext, route: Route, origin: string | null) {
  return context.fetch(`${BASE_URL}${route.path()}`, { method: route.method, data: route.data, headers: origin ? { origin } : {} });
}

async function wireQueue(name: string): Promise<Record<string, any>> {
  return ((await (await wireApi('GET', `/queues/${q(name)}`)).json()) as { queue: Record<string, any> }).queue;
}

/** The fixture as made: one subscriber, one alert, the job running slowly, nothing pushed by a test. */
async function expectUntouched(): Promise<void> {
  const push = await wireQueue(PUSH);
  expect(push.push).toMatchObject({ subscribers: [{ name: 'hook', url: hook.url, headers: {} }], retries: 3 });
  expect((await wireQueue(PULL)).alerts).toEqual([expect.objectContaining({ id: alertId, trigger: 5 })]);
  expect(hook.received.filter((push) => push.messageId === '0')).toEqual([]);
  const admin = await playwrightRequest.newContext({ storageState: ADMIN_STATE });
  const jobs = (await (await admin.get(`${BASE_URL}${base()}/${q(DEAD)}/redrives`)).json()) as { redrives: Array<{ id: string; state: string }> };
  expect(jobs.redrives.map((job) => `${job.id} ${job.state}`)).toEqual([`${jobId} running`]);
  await admin.dispose();
}

test.beforeAll(async () => {
  hook = await startSubscriber('ok');
  await wireApi('PUT', `/queues/${q(PUSH)}`, { queue: { type: 'multicast', push: { subscribers: [{ name: 'hook', url: hook.url }] } } });
  await wireApi('PUT', `/queues/${q(PULL)}`, { queue: { alerts: [{ type: 'fixed', trigger: 5, queue: `${PULL}-ops` }], dead_letter: { queue_name: DEAD } } });
  alertId = (await wireQueue(PULL)).alerts[0].id;
  await seedMessages(DEAD, 50, 'dead');
  const admin = await playwrightRequest.newContext({ storageState: ADMIN_STATE });
  const started = await admin.post(`${BASE_URL}${base()}/${q(DEAD)}/redrives`, {
    headers: { origin: BASE_URL },
    data: { targetQueue: PULL, ratePerSecond: 1, isErrorReport: false },
  });
  expect(started.status()).toBe(201);
  jobId = ((await started.json()) as { id: string }).id;
  await admin.dispose();
});

test.afterAll(async () => {
  const admin = await playwrightRequest.newContext({ storageState: ADMIN_STATE });
  await admin.post(`${BASE_URL}${base()}/${q(DEAD)}/redrives/${jobId}/cancel`, { headers: { origin: BASE_URL }, data: {} });
  await admin.dispose();
  for (const name of [PUSH, PULL, DEAD]) await wireApi('DELETE', `/queues/${q(name)}`);
  await hook.close();
});

test('without a session every route answers 401', async () => {
  const anonymous = await playwrightRequest.newContext({ storageState: { cookies: [], origins: [] } });
  for (const route of [...WRITES, ...READS]) {
    const reply = await send(anonymous, route, BASE_URL);
    expect(reply.status(), `${route.method} ${route.path()}`).toBe(401);
    expect(await reply.json()).toEqual({ code: 'UNAUTHENTICATED', msg: 'Sign in to continue' });
  }
  await anonymous.dispose();
  await expectUntouched();
});

test('a signed-in user without access to the project gets 404 from every route and changes nothing', async () => {
  const email = `outsider-${Date.now()}@example.test`;
  const password = 'outsider password 1';
  await createHudUser(email, password);
  const outsider = await playwrightRequest.newContext({ storageState: { cookies: [], origins: [] } });
  const { csrfToken } = (await (await outsider.get(`${BASE_URL}/api/auth/csrf`)).json()) as { csrfToken: string };
  await outsider.post(`${BASE_URL}/api/auth/callback/credentials`, {
    form: { email, password, csrfToken, callbackUrl: '/projects', json: 'true' },
    headers: { origin: BASE_URL },
  });
  expect((await outsider.get(`${BASE_URL}/api/projects`)).status()).toBe(200);
  for (const route of [...WRITES, ...READS]) {
    const reply = await send(outsider, route, BASE_URL);
    expect(reply.status(), `${route.method} ${route.path()}`).toBe(404);
    expect((await reply.json()).code).toBe('PROJECT_NOT_FOUND');
  }
  await outsider.dispose();
  await expectUntouched();
});

test('a write from another origin, or with no origin, answers 403 and changes nothing', async () => {
  const admin = await playwrightRequest.newContext({ storageState: ADMIN_STATE });
  for (const route of WRITES) {
    for (const origin of ['http://evil.test', null]) {
      const reply = await send(admin, route, origin);
      expect(reply.status(), `${route.method} ${route.path()} from ${origin}`).toBe(403);
      expect((await reply.json()).code).toBe('CROSS_ORIGIN');
    }
  }
  // The same session from the HUD's own origin is let through: the refusals above were the origin's.
  const reads = await send(admin, READS[0], BASE_URL);
  expect(reads.status()).toBe(200);
  await admin.dispose();
  await expectUntouched();
});
