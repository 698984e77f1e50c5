// `npm run bench:scale-out`: Ferro as two instances on one PostgreSQL against a plain node-postgres
// client doing the same work directly in PostgreSQL (batched INSERT; SELECT … FOR UPDATE SKIP
// LOCKED + DELETE), in one run on this machine, on a fresh database of the local server
// (FERRO_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, names the server).
// Targets (issue 11): Ferro ≥ 70% of the plain client's post and consume rates, cross-instance
// long-poll wake-up p99 < 50 ms. Flags: --quick (small counts), --rounds N, --messages N.
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { crossInstanceWakeUps, ferroConsume, ferroProduce, startInstance } from './ferro-pair.mjs';
import { plainConsume, plainProduce, preparePlain } from './plain-postgres.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false }, rounds: { type: 'string' }, messages: { type: 'string' } } });
const rounds = Number(values.rounds ?? (values.quick ? 1 : 3));
const total = Number(values.messages ?? (values.quick ? 20_000 : 100_000));
const workload = { total, batch: 100, concurrency: 8, body: 'x'.repeat(100) };
const wakeUpSamples = values.quick ? 100 : 500;
const serverUrl = process.env.FERRO_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function admin(sql) {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];

const dbName = `ferro_bench_${randomBytes(4).toString('hex')}`;
const dbUrl = Object.assign(new URL(serverUrl), { pathname: `/${dbName}` }).toString();
await admin(`CREATE DATABASE ${dbName}`);
const instances = [];
const rates = { ferroPost: [], ferroConsume: [], ferroConsumeAcked: [], plainPost: [], plainConsume: [] };
let wakeUps = [];
try {
  // One after the other: the first creates the schema and the admin, the second finds them.
  instances.push(await startInstance(root, dbUrl));
  instances.push(await startInstance(root, dbUrl));
  await preparePlain(dbUrl);
  for (let round = 1; round <= rounds; round += 1) {
    const queue = `bench-${round}-${Date.now().toString(36)}`;
    await instances[0].call('PUT', `/queues/${queue}`, {});
    rates.ferroPost.push(await ferroProduce(instances, queue, workload));
    rates.ferroConsume.push(await ferroConsume(instances, queue, workload));
    // The at-least-once way (reserve, then acknowledge with a batch delete), for the record.
    await ferroProduce(instances, queue, workload);
    rates.ferroConsumeAcked.push(await ferroConsume(instances, queue, { ...workload, isAcked: true }));
    rates.plainPost.push(await plainProduce(dbUrl, workload));
    rates.plainConsume.push(await plainConsume(dbUrl, workload));
    console.log(`round ${round}: Ferro post ${Math.round(rates.ferroPost.at(-1))}/s, consume ${Math.round(rates.ferroConsume.at(-1))}/s (reserve + ack ${Math.round(rates.ferroConsumeAcked.at(-1))}/s); plain post ${Math.round(rates.plainPost.at(-1))}/s, consume ${Math.round(rates.plainConsume.at(-1))}/s`);
  }
  const wakeQueue = `wake-${Date.now().toString(36)}`;
  await instances[0].call('PUT', `/queues/${wakeQueue}`, {});
  wakeUps = await crossInstanceWakeUps(instances, wakeQueue, wakeUpSamples);
} finally {
  for (const instance of instances) await instance.stop();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
}

const row = (measure, ferro, plain, unit, target) => ({ measure, ferro, plain, unit, target });
const postRatio = median(rates.ferroPost) / median(rates.plainPost);
const consumeRatio = median(rates.ferroConsume) / median(rates.plainConsume);
const p50 = percentile(wakeUps, 50);
const p99 = percentile(wakeUps, 99);
const rows = [
  { ...row('post, batches of 100 (100 B), 8 producers', median(rates.ferroPost), median(rates.plainPost), 'msg/s', '≥ 70% of plain'), ratio: postRatio, isPass: postRatio >= 0.7 },
  { ...row('consume, batches of 100, 8 consumers (reserve with delete: true)', median(rates.ferroConsume), median(rates.plainConsume), 'msg/s', '≥ 70% of plain'), ratio: consumeRatio, isPass: consumeRatio >= 0.7 },
  { ...row('consume, reserve then batch delete (two requests; for the record)', median(rates.ferroConsumeAcked), median(rates.plainConsume), 'msg/s', ''), ratio: median(rates.ferroConsumeAcked) / median(rates.plainConsume), isPass: true },
  { ...row('cross-instance long-poll wake-up p50', p50, null, 'ms', ''), isPass: true },
  { ...row('cross-instance long-poll wake-up p99', p99, null, 'ms', '< 50 ms'), isPass: p99 < 50 },
];

const fmt = (value, unit) => (value === null ? '—' : unit === 'ms' ? `${value.toFixed(2)} ms` : `${Math.round(value).toLocaleString('en-US')} ${unit}`);
console.log(`\nFerro, two instances on one PostgreSQL, against a plain pg client (${rounds} round(s) of ${total.toLocaleString('en-US')} messages; medians)\n`);
console.log('| measure | Ferro (2 instances) | plain pg client | Ferro / plain | target | |');
console.log('|---|---|---|---|---|---|');
for (const r of rows) {
  console.log(`| ${r.measure} | ${fmt(r.ferro, r.unit)} | ${fmt(r.plain, r.unit)} | ${r.ratio === undefined ? '' : `${Math.round(r.ratio * 100)}%`} | ${r.target} | ${r.isPass ? 'pass' : 'FAIL'} |`);
}
const resultsDir = path.join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, 'scale-out-latest.json'), `${JSON.stringify({ finishedAt: new Date().toISOString(), rounds, total, rates, wakeUpsMs: { p50, p99, samples: wakeUps.length }, rows }, null, 2)}\n`);
process.exitCode = rows.every((r) => r.isPass) ? 0 : 1;
