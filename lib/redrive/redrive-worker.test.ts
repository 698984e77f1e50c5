// The redrive worker over a real engine and SQLite file on the system clock: it finishes a job
// started in its process, keeps to the job's rate, stops a cancelled job, and a worker started
// after another stopped mid-job finishes it without moving any message twice.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { systemClock } from '../engine/clock';
import { QueueEngine } from '../engine/engine';
import type { RedriveJob } from '../engine/redrive';
import { SqliteQueueStore } from '../engine/sqlite/sqlite-store';
import { startRedriveWorker, type RedriveWorker } from './redrive-worker';

const PROJECT = 'a1b2c3d4e5f6a1b2c3d4e5f6';
let dir: string;
let store: SqliteQueueStore;
let engine: QueueEngine;
const workers: RedriveWorker[] = [];
const logged: string[] = [];

function worker(options: { leaseMs?: number } = {}): RedriveWorker {
  const started = startRedriveWorker({ engine, log: (line) => logged.push(line), idleMs: 50, ...options });
  workers.push(started);
  return started;
}

async function untilFinished(id: string, timeoutMs = 10_000): Promise<RedriveJob> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = (await engine.redrives.find(PROJECT, id))!;
    if (job.state !== 'running' || Date.now() > deadline) return job;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

async function fill(count: number): Promise<void> {
  await engine.createQueue(PROJECT, 'work');
  for (let i = 0; i < count; i += 100) {
    const bodies = Array.from({ length: Math.min(100, count - i) }, (_, j) => ({ body: String(i + j) }));
    await engine.postMessages(PROJECT, 'dlq', bodies);
  }
}

async function bodiesOfWork(): Promise<string[]> {
  const bodies: string[] = [];
  let after: string | null = null;
  do {
    const page = await engine.browseMessages(PROJECT, 'work', after, 1000);
    bodies.push(...page.messages.map((m) => m.body));
    after = page.nextAfterId;
  } while (after);
  return bodies;
}

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'ferro-redrive-'));
  store = new SqliteQueueStore({ path: path.join(dir, 'queues.db'), syncMode: 'normal' });
  engine = new QueueEngine({ store, clock: systemClock });
  logged.length = 0;
});

afterEach(async () => {
  await Promise.all(workers.splice(0).map((w) => w.stop()));
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

it('finishes a job started in its process, every message moved once', async () => {
  await fill(450);
  worker();
  const job = await engine.redrives.start(PROJECT, 'dlq', { targetQueue: 'work', ratePerSecond: 10_000, isErrorReport: false });
  expect(await untilFinished(job.id)).toMatchObject({ state: 'done', moved: 450, skipped: 0 });
  expect(await bodiesOfWork()).toEqual(Array.from({ length: 450 }, (_, i) => String(i)));
  expect((await engine.getQueue(PROJECT, 'dlq')).size).toBe(0);
  expect(logged).toEqual([]);
});

it('keeps to the job’s rate', async () => {
  await fill(30);
  worker();
  const startedMs = Date.now();
  const job = await engine.redrives.start(PROJECT, 'dlq', { targetQueue: 'work', ratePerSecond: 40, isErrorReport: false });
  const done = await untilFinished(job.id);
  expect(done).toMatchObject({ state: 'done', moved: 30 });
  // 30 messages at 40/s: the first batch goes at once, the last about 0.7 s later.
  expect(Date.now() - startedMs).toBeGreaterThanOrEqual(650);
});

it('stops a cancelled job after its batch in progress', async () => {
  await fill(100);
  worker();
  const job = await engine.redrives.start(PROJECT, 'dlq', { targetQueue: 'work', ratePerSecond: 20, isErrorReport: false });
  await new Promise((resolve) => setTimeout(resolve, 300));
  await engine.redrives.cancel(PROJECT, job.id);
  const cancelled = await untilFinished(job.id);
  await new Promise((resolve) => setTimeout(resolve, 300));
  const after = (await engine.redrives.find(PROJECT, job.id))!;
  expect(cancelled.state).toBe('cancelled');
  expect(after.moved).toBe(cancelled.moved);
  expect(after.moved).toBeGreaterThan(0);
  expect(after.moved).toBeLessThan(100);
  expect((await engine.getQueue(PROJECT, 'work')).size + (await engine.getQueue(PROJECT, 'dlq')).size).toBe(100);
});

it('a worker started after another stopped mid-job finishes it without a duplicate', async () => {
  await fill(60);
  const first = worker({ leaseMs: 200 });
  const job = await engine.redrives.start(PROJECT, 'dlq', { targetQueue: 'work', ratePerSecond: 40, isErrorReport: false });
  await new Promise((resolve) => setTimeout(resolve, 400));
  await first.stop();
  const halfway = (await engine.redrives.find(PROJECT, job.id))!;
  expect(halfway.state).toBe('running');
  expect(halfway.moved).toBeGreaterThan(0);

  worker({ leaseMs: 200 });
  expect(await untilFinished(job.id)).toMatchObject({ state: 'done', moved: 60 });
  expect(await bodiesOfWork()).toEqual(Array.from({ length: 60 }, (_, i) => String(i)));
});
