// `npm run bench:scale-out`: Ferro as two instances on one PostgreSQL against a plain node-postgres
// client doing the same work directly in PostgreSQL (batched INSERT; SELECT … FOR UPDATE SKIP
// LOCKED + DELETE), in one run on this machine, on a fresh database of the local server
// (FERRO_BENCH_DATABASE_URL, default postgres://postgres@127.0.0.1:5432/postgres, names the server).
// Targets (issue 11): Ferro ≥ 70% of the plain client's post and consume rates, cross-instance
// long-poll wake-up p99 < 50 ms. A warm-up round comes first and is not counted; each measure
// also reports where its CPU went (servers, load generator, database). Flags: --quick (small counts), --rounds N, --messages N.
import { randomBytes } from 'node:crypto';
import { writeFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { crossInstanceWakeUps, ferroConsume, ferroProduce, startInstance } from './ferro-pair.mjs';
import { plainConsume, plainProduce, preparePlain } from './plain-postgres.mjs';
import { measureCpuShares } from '../lib/machine.mjs';

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
/** Per measure, per counted round: CPU-seconds per 100,000 messages by servers, load generator, database. */
const cpuShares = {};
try {
  // One after the other: the first creates the schema and the admin, the second finds them.
  instances.push(await startInstance(root, dbUrl));
  instances.push(await startInstance(root, dbUrl));
  await preparePlain(dbUrl);
  // Where the CPU went, per measure: on two cores a rate is mostly CPU per message.
  const measured = async (name, work) => {
    const cpu = measureCpuShares(instances.map((instance) => instance.pid));
    const rate = await work();
    const { named, self, rest } = cpu.stop();
    const per100k = (seconds) => (seconds / workload.total) * 100_000;
    (cpuShares[name] ??= []).push({ servers: per100k(named), loadGenerator: per100k(self), database: per100k(rest) });
    return rate;
  };
  // Round 0 warms up both sides (Ferro's JIT, PostgreSQL's caches) and is not counted.
  for (let round = 0; round <= rounds; round += 1) {
    const queue = `bench-${round}-${Date.now().toString(36)}`;
    const counts = (name, rate) => round > 0 && rates[name].push(rate);
    await instances[0].call('PUT', `/queues/${queue}`, {});
    counts('ferroPost', await measured('ferroPost', () => ferroProduce(instances, queue, workload)));
    counts('ferroConsume', await measured('ferroConsume', () => ferroConsume(instances, queue, workload)));
    // The at-least-once way (reserve, then acknowledge with a batch delete), for the record.
    await ferroProduce(instances, queue, workload);
    counts('ferroConsumeAcked', await measured('ferroConsumeAcked', () => ferroConsume(instances, queue, { ...workload, isAcked: true })));
    counts('plainPost', await measured('plainPost', () => plainProduce(dbUrl, workload)));
    counts('plainConsume', await measured('plainConsume', () => plainConsume(dbUrl, workload)));
    if (round === 0) {
      for (const name of Object.keys(cpuShares)) cpuShares[name] = [];
      console.log('warm-up round done (not counted)');
      continue;
    }
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
// Medians per measure of where the CPU went; "database" is everything else on the machine.
const cpuMedians = Object.fromEntries(Object.entries(cpuShares).map(([name, samples]) => [
  name,
  Object.fromEntries(['servers', 'loadGenerator', 'database'].map((part) => [part, median(samples.map((sample) => sample[part]))])),
]));
const cpuLabels = { ferroPost: 'Ferro post', ferroConsume: 'Ferro consume (delete: true)', ferroConsumeAcked: 'Ferro reserve then delete', plainPost: 'plain post', plainConsume: 'plain consume' };
console.log('\nCPU-seconds per 100,000 messages (medians): Ferro instances | load generator | PostgreSQL and the rest of the machine | total');
for (const [name, cpu] of Object.entries(cpuMedians)) {
  const servers = name.startsWith('plain') ? '—' : cpu.servers.toFixed(2);
  console.log(`- ${cpuLabels[name]}: ${servers} | ${cpu.loadGenerator.toFixed(2)} | ${cpu.database.toFixed(2)} | ${(cpu.servers + cpu.loadGenerator + cpu.database).toFixed(2)}`);
}
const resultsDir = path.join(root, 'bench/results');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, 'scale-out-latest.json'), `${JSON.stringify({ finishedAt: new Date().toISOString(), rounds, total, rates, cpuPer100k: cpuMedians, wakeUpsMs: { p50, p99, samples: wakeUps.length }, rows }, null, 2)}\n`);
process.exitCode = rows.every((r) => r.isPass) ? 0 : 1;
