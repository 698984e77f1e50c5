// Known state for the fuzzer to compare against: canary queues in the fuzzed project (made and
// read with that project's own token) and a victim project read only through the HUD's BFF, so
// the victim's API token is never sent anywhere. A snapshot is everything a client can see.
import { sendRequest, type ApiResponse } from '../../helpers/api';
import type { BffClient } from './hud';

export interface Project {
  id: string;
  token: string;
}

/** The fuzzed project's canary queues: a plain pull queue, one with every setting, a push queue. */
const CANARY: Array<{ name: string; queue: Record<string, unknown>; bodies: string[] }> = [
  { name: 'canary-pull', queue: {}, bodies: ['plain', 'ünïcödé 🚀', '{"json": [1, 2]}', '', 'x'.repeat(2_000)] },
  {
    name: 'canary-settings',
    queue: {
      message_timeout: 120,
      message_expiration: 3_600,
      alerts: [{ type: 'fixed', trigger: 100, direction: 'asc', queue: 'canary-alerts', snooze: 0 }],
      dead_letter: { queue_name: 'canary-dlq', max_reservations: 3 },
    },
    bodies: ['a', 'b'],
  },
  { name: 'canary-push', queue: { type: 'multicast', push: { subscribers: [{ name: 's1', url: 'http://127.0.0.1:9/hook' }] } }, bodies: [] },
];

export const CANARY_QUEUES = CANARY.map((canary) => canary.name);

async function wire(baseUrl: string, project: Project, method: string, path: string, json?: unknown): Promise<ApiResponse> {
  const headers: Record<string, string> = { Authorization: `OAuth ${project.token}` };
  const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  if (body) headers['Content-Type'] = 'application/json';
  return sendRequest(baseUrl, method, `/3/projects/${project.id}${path}`, headers, body);
}

async function wireOrThrow(baseUrl: string, project: Project, method: string, path: string, json?: unknown): Promise<any> {
  const res = await wire(baseUrl, project, method, path, json);
  if (res.status < 200 || res.status > 299) throw new Error(`canary: ${method} ${path} answered ${res.status}: ${res.text.slice(0, 200)}`);
  return res.body;
}

const q = (name: string) => `/queues/${encodeURIComponent(name)}`;

/** Every queue of the project, deleted; then the canary queues made afresh. Returns message ids. */
export async function resetCanary(baseUrl: string, project: Project): Promise<string[]> {
  const listed = await wireOrThrow(baseUrl, project, 'GET', '/queues?per_page=100');
  for (const { name } of listed.queues as Array<{ name: string }>) await wireOrThrow(baseUrl, project, 'DELETE', q(name));
  const ids: string[] = [];
  for (const canary of CANARY) {
    await wireOrThrow(baseUrl, project, 'PUT', q(canary.name), { queue: canary.queue });
    if (canary.bodies.length === 0) continue;
    const posted = await wireOrThrow(baseUrl, project, 'POST', `${q(canary.name)}/messages`, { messages: canary.bodies.map((body) => ({ body })) });
    ids.push(...posted.ids);
  }
  return ids;
}

/** What the fuzzed project's own token shows: every queue's settings and counters, every ready message. */
export async function wireSnapshot(baseUrl: string, project: Project): Promise<string> {
  const listed = await wire(baseUrl, project, 'GET', '/queues?per_page=100');
  if (listed.status !== 200) return `list answered ${listed.status}: ${listed.text}`;
  const names = (listed.body.queues as Array<{ name: string }>).map((queue) => queue.name);
  const parts = [`queues ${JSON.stringify(names)}`];
  for (const name of names) {
    const [info, peek] = await Promise.all([wire(baseUrl, project, 'GET', q(name)), wire(baseUrl, project, 'GET', `${q(name)}/messages?n=100`)]);
    parts.push(`${name}: ${info.status} ${info.text}`, `${name} messages: ${peek.status} ${peek.text}`);
  }
  return parts.join('\n');
}

/** The project's own row and token list from the BFF, minus the last-used time its use changes. */
export async function projectRecordSnapshot(bff: BffClient, projectId: string): Promise<string> {
  const projects = await bff.request('GET', '/api/projects');
  const own = (projects.body?.projects as Array<{ id: string; name: string }> | undefined)?.find((p) => p.id === projectId);
  const tokens = await bff.request('GET', `/api/projects/${projectId}/tokens`);
  const tokenList = (tokens.body?.tokens as Array<{ id: string; name: string }> | undefined)?.map((t) => `${t.id}:${t.name}`);
  return `project ${own?.name ?? 'MISSING'}\ntokens ${tokens.status} ${JSON.stringify(tokenList)}`;
}

/** Every byte the BFF shows of a project: its summary, queues, each queue's detail and messages, tokens. */
export async function bffSnapshot(bff: BffClient, projectId: string): Promise<string> {
  const base = `/api/projects/${projectId}`;
  const projects = await bff.request('GET', '/api/projects');
  const own = (projects.body?.projects as Array<{ id: string }> | undefined)?.find((p) => p.id === projectId);
  const queues = await bff.request('GET', `${base}/queues`);
  const parts = [`project ${JSON.stringify(own)}`, `queues ${queues.status} ${queues.text}`];
  for (const { name } of (queues.body?.queues ?? []) as Array<{ name: string }>) {
    const detail = await bff.request('GET', `${base}${q(name)}`);
    const messages = await bff.request('GET', `${base}${q(name)}/messages`);
    parts.push(`${name}: ${detail.status} ${detail.text}`, `${name} messages: ${messages.status} ${messages.text}`);
  }
  const tokens = await bff.request('GET', `${base}/tokens`);
  parts.push(`tokens ${tokens.status} ${tokens.text}`);
  return parts.join('\n');
}

/** The first line where two snapshots differ, for a failure message. */
export function firstDifference(before: string, after: string): string {
  const a = before.split('\n');
  const b = after.split('\n');
  for (let i = 0; i < Math.max(a.length, b.length); i += 1) {
    if (a[i] !== b[i]) return `before: ${(a[i] ?? '(none)').slice(0, 300)}\n    after:  ${(b[i] ?? '(none)').slice(0, 300)}`;
  }
  return '(identical)';
}
