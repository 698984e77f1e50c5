// beanstalkd, started here on a free port in one of two configurations: jobs in memory only, or
// with a binlog fsynced on every write (-b DIR -f 0). Producers pipeline puts on their own
// connections; consumers keep many reserve-with-timeout commands in flight and delete each job
// as it arrives. Only beanstalkd's own protocol is used, through fivebeans.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { closeBeanstalk, command, connectBeanstalk } from '../lib/beanstalk-connection.mjs';
import { freePort, stopChild, waitForPort, whichSync } from '../lib/processes.mjs';
import { SkipError, completion } from '../system.mjs';

const CONSUMER_CONNECTIONS = 4;
/** Reserves in flight per consumer connection: enough that beanstalkd never waits for the client. */
const RESERVES_IN_FLIGHT = 100;
/** Seconds a reserve may wait on an empty tube; a reserve that times out is simply sent again. */
const RESERVE_WAIT_SECONDS = 1;
/** Time-to-run given to each job (s): far longer than any job stays reserved here. */
const TTR_SECONDS = 60;

export function beanstalkd({ isDurable }) {
  let child;
  let port;
  let binlogDir;
  return {
    id: isDurable ? 'beanstalkd-binlog' : 'beanstalkd',
    label: isDurable ? 'beanstalkd (binlog)' : 'beanstalkd (memory)',
    durability: isDurable
      ? 'binlog with -f 0: beanstalkd calls fsync every time it writes to the binlog'
      : 'no binlog: jobs live in memory only and are lost if the process stops',
    durabilityTag: isDurable ? 'fsync every write' : 'memory only',
    acknowledgement: "beanstalkd's DELETED reply to each job's delete",
    async start() {
      const binary = whichSync('beanstalkd');
      if (!binary) throw new SkipError('beanstalkd is not installed (Debian: apt-get install -y beanstalkd)');
      port = await freePort();
      const args = ['-l', '127.0.0.1', '-p', String(port)];
      if (isDurable) {
        binlogDir = mkdtempSync(path.join(tmpdir(), 'ferro-peers-binlog-'));
        args.push('-b', binlogDir, '-f', '0');
      }
      child = spawn(binary, args, { stdio: 'ignore' });
      await waitForPort(port, child);
    },
    async stop() {
      if (child) await stopChild(child);
      if (binlogDir) rmSync(binlogDir, { recursive: true, force: true });
    },
    pids: () => [child.pid],
    serverProcess: () => ({ pid: child.pid }),
    openQueue: async (tube) => beanstalkQueue(port, tube),
  };
}

function beanstalkQueue(port, tube) {
  const connections = new Set();
  /** A connection that drop() closes, whoever opened it. */
  const connect = async () => {
    const client = await connectBeanstalk(port);
    connections.add(client);
    return client;
  };
  return {
    encode: (bodies) => bodies.map((body) => Buffer.from(body)),
    async publisher() {
      const client = await connect();
      await command(client, 'use', tube);
      return {
        publish: (batch) => Promise.all(batch.map((job) => command(client, 'put', 0, 0, TTR_SECONDS, job))),
        close: async () => closeBeanstalk(client),
      };
    },
    async consume({ limit, onBody }) {
      const clients = await Promise.all(Array.from({ length: CONSUMER_CONNECTIONS }, connect));
      for (const client of clients) {
        await command(client, 'watch', tube);
        await command(client, 'ignore', 'default');
      }
      return pipelinedConsumer(clients, { limit, onBody });
    },
    async drop() {
      // A tube exists only while jobs or connections use it: closing the connections removes it.
      for (const client of connections) closeBeanstalk(client);
      connections.clear();
    },
  };
}

/**
 * Keeps RESERVES_IN_FLIGHT reserves outstanding per connection, never more than `limit` in all.
 * beanstalkd answers a connection's commands in order, so on a nearly empty tube a delete waits
 * behind the reserves sent before it; the job stays reserved meanwhile (TTR_SECONDS is far
 * longer) and latency is taken on receipt, so neither figure is affected.
 */
function pipelinedConsumer(clients, { limit, onBody }) {
  const { done, resolve, reject } = completion();
  let claimed = 0;
  let acked = 0;
  let isStopped = false;
  const inFlight = new Map(clients.map((client) => [client, 0]));
  const refill = (client) => {
    while (!isStopped && claimed < limit && inFlight.get(client) < RESERVES_IN_FLIGHT) {
      claimed += 1;
      inFlight.set(client, inFlight.get(client) + 1);
      client.reserve_with_timeout(RESERVE_WAIT_SECONDS, (error, id, payload) => {
        inFlight.set(client, inFlight.get(client) - 1);
        if (error === 'TIMED_OUT') claimed -= 1;
        else if (error) reject(new Error(`beanstalkd reserve: ${error}`));
        else {
          onBody(payload);
          client.destroy(id, (deleteError) => {
            if (deleteError) reject(new Error(`beanstalkd delete ${id}: ${deleteError}`));
            acked += 1;
            if (acked >= limit) resolve();
          });
        }
        refill(client);
      });
    }
  };
  for (const client of clients) refill(client);
  return {
    done,
    acked: () => acked,
    async stop() {
      isStopped = true;
      // Waiting reserves would hold their connection for up to RESERVE_WAIT_SECONDS each, in turn.
      for (const client of clients) closeBeanstalk(client);
    },
  };
}
