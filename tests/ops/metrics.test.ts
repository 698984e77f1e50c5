// GET /metrics after a scripted workload, read with a real Prometheus text-format parser: every
// series the operators' guide names is there with the values the workload implies, per-queue
// series stop at the cap with the rest summed into queue="(other)", and the token and the
// separate port guard the endpoint.
import http from 'node:http';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest, useApiServer } from '../helpers/api';
import { startServer, type TestServer } from '../helpers/server';

const api = useApiServer({ env: { FERRO_METRICS_MAX_QUEUES: '2', FERRO_SYNC: 'normal' } });

async function scrape(server: { url: string }, headers: Record<string, string> = {}, path = '/metrics') {
  const res = await sendRequest(server.url, 'GET', path, headers);
  return { status: res.status, families: res.status === 200 ? parsePrometheusTextFormat(res.text) : [], text: res.text, type: res.headers['content-type'] };
}

type Families = Awaited<ReturnType<typeof scrape>>['families'];

/** The value of one series, by family name and labels (undefined when absent). */
function valueOf(families: Families, name: string, labels: Record<string, string> = {}): number | undefined {
  const family = families.find((f) => f.name === name);
  const sample = family?.metrics.find((m) => Object.entries(labels).every(([key, value]) => m.labels?.[key] === value));
  if (!sample) return undefined;
  return Number(sample.value ?? sample.count);
}

describe('GET /metrics', () => {
  it('shows queues, requests, commits and long polls as the workload left them', async () => {
    const projectId = api.server.projectId;
    await api.postOrThrow('metrics-big', ['a', 'b', 'c', 'd']);
    await api.postOrThrow('metrics-mid', ['a', 'b', 'c']);
    await api.postOrThrow('metrics-small', ['a']);
    const [held] = await api.reserveOrThrow('metrics-big');
    await api.deleteMessage('metrics-big', held.id, { reservation_id: held.reservation_id });
    await api.createQueueOrThrow('metrics-dlq-source', { dead_letter: { queue_name: 'metrics-dlq', max_reservations: 1 } });
    await api.postOrThrow('metrics-dlq-source', ['poison']);
    await api.reserveOrThrow('metrics-dlq-source', { timeout: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await api.reserve('metrics-dlq-source');
    const poll = api.reserve('metrics-waiting', { wait: 5 });
    await api.createQueueOrThrow('metrics-waiting');
    const poll2 = api.reserve('metrics-waiting', { wait: 5 });
    await new Promise((resolve) => setTimeout(resolve, 200));

    const { status, families, type, text } = await scrape(api.server);
    expect(status).toBe(200);
    expect(type).toMatch(/^text\/plain; version=0\.0\.4/);
    expect(valueOf(families, 'ferro_queue_size', { project_id: projectId, queue: 'metrics-big' })).toBe(3);
    expect(valueOf(families, 'ferro_queue_size', { project_id: projectId, queue: 'metrics-mid' })).toBe(3);
    // The cap is 2: the third queue and the rest are summed, not listed.
    expect(valueOf(families, 'ferro_queue_size', { project_id: projectId, queue: 'metrics-small' })).toBeUndefined();
    expect(valueOf(families, 'ferro_queue_size', { queue: '(other)' })).toBeGreaterThanOrEqual(2);
    expect(valueOf(families, 'ferro_queue_messages_posted_total', { queue: 'metrics-big' })).toBe(4);
    expect(valueOf(families, 'ferro_queue_messages_reserved_total', { queue: 'metrics-big' })).toBe(1);
    expect(valueOf(families, 'ferro_queue_messages_deleted_total', { queue: 'metrics-big' })).toBe(1);
    expect(valueOf(families, 'ferro_queue_oldest_ready_age_seconds', { queue: 'metrics-big' })).toBeGreaterThanOrEqual(0);
    expect(valueOf(families, 'ferro_queue_messages_dead_lettered_total', { queue: '(other)' })).toBe(1);
    expect(valueOf(families, 'ferro_long_polls_waiting')).toBeGreaterThanOrEqual(1);
    expect(valueOf(families, 'ferro_http_requests_total', { api: 'v3', method: 'POST', route: '/3/projects/{project}/queues/{queue}/messages', status: '201' })).toBe(4);
    expect(valueOf(families, 'ferro_http_requests_total', { route: '/3/projects/{project}/queues/{queue}/reservations', status: '404' })).toBe(1);
    expect(valueOf(families, 'ferro_commit_batch_size')).toBeGreaterThan(0);
    expect(valueOf(families, 'ferro_commit_duration_seconds')).toBeGreaterThan(0);
    // The checkpoint thread copied the commits of the last second; no pass failed. (The parser
    // drops a labelled histogram's labels and count, so these are read from the text.)
    expect(Number(/^ferro_checkpoint_duration_seconds_count\{outcome="copied"\} (\d+)$/m.exec(text)?.[1])).toBeGreaterThan(0);
    expect(text).not.toMatch(/^ferro_checkpoint_duration_seconds_count\{outcome="failed"\}/m);
    expect(families.map((f) => f.name)).toContain('ferro_commits_held_seconds');
    for (const name of ['ferro_http_request_duration_seconds', 'ferro_push_attempts_total', 'ferro_push_attempt_duration_seconds', 'process_resident_memory_bytes', 'process_open_fds', 'nodejs_eventloop_lag_p99_seconds']) {
      expect(families.map((f) => f.name), name).toContain(name);
    }
    await Promise.all([poll, poll2]);
  });

  it('counts push attempts by outcome', async () => {
    const subscriber = http.createServer((_req, res) => res.writeHead(200).end('ok'));
    await new Promise<void>((resolve) => subscriber.listen(0, '127.0.0.1', resolve));
    const port = (subscriber.address() as { port: number }).port;
    try {
      await api.createQueueOrThrow('metrics-push', { type: 'multicast', push: { subscribers: [{ name: 'ok', url: `http://127.0.0.1:${port}/` }] } });
      await api.postOrThrow('metrics-push', ['one', 'two']);
      let delivered: number | undefined;
      for (const deadlineMs = Date.now() + 10_000; Date.now() < deadlineMs && (delivered ?? 0) < 2; await new Promise((r) => setTimeout(r, 100))) {
        delivered = valueOf((await scrape(api.server)).families, 'ferro_push_attempts_total', { outcome: 'delivered' });
      }
      expect(delivered).toBe(2);
    } finally {
      subscriber.close();
    }
  });
});

describe('guarding /metrics', () => {
  let guarded: TestServer | undefined;
  beforeAll(async () => {
    guarded = await startServer({ env: { FERRO_METRICS_TOKEN: 'scrape-secret', FERRO_METRICS_PORT: '0' } });
  });
  afterAll(() => guarded?.stop());

  it('with FERRO_METRICS_PORT, /metrics leaves the main port', async () => {
    expect((await scrape(guarded!)).status).toBe(404);
    expect(guarded!.output()).toMatch(/metrics on their own port/);
  });

  it('with FERRO_METRICS_TOKEN, a scrape needs the bearer token', async () => {
    const port = Number(/"port":(\d+),"msg":"metrics on their own port"/.exec(guarded!.output())?.[1]);
    const metricsUrl = { url: `http://127.0.0.1:${port}` };
    expect((await scrape(metricsUrl)).status).toBe(401);
    expect((await scrape(metricsUrl, { authorization: 'Bearer wrong' })).status).toBe(401);
    const ok = await scrape(metricsUrl, { authorization: 'Bearer scrape-secret' });
    expect(ok.status).toBe(200);
    expect(ok.families.length).toBeGreaterThan(10);
  });
});
