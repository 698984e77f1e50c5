// RabbitMQ, already running on 127.0.0.1:5672 (never started or stopped here), through amqplib
// the way its docs advise for safe throughput: a durable queue, persistent messages, publisher
// confirms with a whole batch in flight before waiting, and consumers with a prefetch and manual
// acks, batched with `multiple`.
import amqp from 'amqplib';
import { findPid } from '../lib/processes.mjs';
import { SkipError, completion } from '../system.mjs';

const URL = 'amqp://guest:guest@127.0.0.1:5672';
const CONNECT_TIMEOUT_MS = 5_000;
const CONSUMER_CHANNELS = 2;
/** Unacknowledged deliveries per consumer channel: deep enough that the queue never waits for acks. */
const PREFETCH = 500;

export function rabbitmq() {
  let connection;
  let beamPid;
  let connectionError;
  return {
    id: 'rabbitmq',
    label: 'RabbitMQ',
    durability:
      'durable classic queue, persistent messages (deliveryMode 2), publisher confirms: RabbitMQ confirms ' +
      'a persistent message once it is persisted to disk, or once every queue it went to has had it consumed',
    durabilityTag: 'confirm after persist',
    acknowledgement: 'the basic.ack (multiple) being sent: AMQP 0-9-1 has no reply to an ack',
    async start() {
      try {
        connection = await amqp.connect(URL, { timeout: CONNECT_TIMEOUT_MS });
      } catch (error) {
        throw new SkipError(`RabbitMQ unreachable at 127.0.0.1:5672 (${error.message})`);
      }
      connection.on('error', (error) => {
        connectionError = error;
      });
      // RabbitMQ runs in the Erlang VM; its node's command line names the rabbit application.
      beamPid = findPid('beam.smp', 'rabbit');
    },
    async stop() {
      await connection?.close();
      if (connectionError) throw connectionError;
    },
    pids: () => (beamPid ? [beamPid] : []),
    serverProcess: () =>
      beamPid
        ? { pid: beamPid, note: 'the whole RabbitMQ node (beam.smp), which was running before this run and serves it all' }
        : { reason: 'no beam.smp process running rabbit found in /proc' },
    async openQueue(name) {
      const admin = watched(await connection.createChannel());
      await admin.assertQueue(name, { durable: true });
      return rabbitQueue(connection, admin, name);
    },
  };
}

/**
 * Listens for a channel's 'error' event: RabbitMQ closing a channel also rejects the operation
 * waiting on it, which is where the run reports it; an unheard 'error' event would instead end
 * the process and leave the servers this run started behind.
 */
function watched(channel) {
  channel.on('error', () => {});
  return channel;
}

function rabbitQueue(connection, admin, name) {
  return {
    encode: (bodies) => bodies.map((body) => Buffer.from(body)),
    async publisher() {
      const channel = watched(await connection.createConfirmChannel());
      return {
        async publish(batch) {
          for (const content of batch) channel.sendToQueue(name, content, { persistent: true });
          await channel.waitForConfirms();
        },
        close: () => channel.close(),
      };
    },
    async consume({ limit, onBody }) {
      const channels = await Promise.all(Array.from({ length: CONSUMER_CHANNELS }, () => connection.createChannel()));
      // channelConsumer listens for their errors itself: they fail the consumer's `done`.
      return channelConsumer(channels, name, { limit, onBody });
    },
    async drop() {
      await admin.deleteQueue(name);
      await admin.close();
    },
  };
}

/**
 * One consumer per channel. Acks go out once per turn of the event loop, covering every delivery
 * of that turn with `multiple`: one ack frame per network read instead of one per message.
 * RabbitMQ sends no more than `limit` in all only because the queue holds no more.
 */
async function channelConsumer(channels, queue, { limit, onBody }) {
  const { done, resolve, reject } = completion();
  let acked = 0;
  const consumers = await Promise.all(
    channels.map(async (channel) => {
      channel.on('error', reject);
      await channel.prefetch(PREFETCH);
      let latest;
      let unacked = 0;
      const flush = () => {
        try {
          channel.ack(latest, true);
        } catch (error) {
          return reject(error);
        }
        acked += unacked;
        unacked = 0;
        if (acked >= limit) resolve();
      };
      const { consumerTag } = await channel.consume(queue, (message) => {
        if (message === null) return reject(new Error(`RabbitMQ cancelled the consumer of ${queue}`));
        onBody(message.content);
        latest = message;
        unacked += 1;
        if (unacked === 1) setImmediate(flush);
      });
      return { channel, consumerTag };
    }),
  );
  return {
    done,
    acked: () => acked,
    async stop() {
      for (const { channel, consumerTag } of consumers) {
        await channel.cancel(consumerTag);
        // Lets an ack already scheduled for this turn go out before the channel closes under it.
        await new Promise(setImmediate);
        await channel.close();
      }
    },
  };
}
