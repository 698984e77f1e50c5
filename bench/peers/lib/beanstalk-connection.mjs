// fivebeans connections as promises. fivebeans writes each command as soon as it is called and
// answers callbacks in order, so many commands can be in flight on one connection (pipelining),
// which is how beanstalkd is meant to be driven for throughput.
import fivebeans from 'fivebeans';

/** Marks connections this process closed on purpose, so their close is not an error. */
const closedByUs = new WeakSet();

/**
 * Opens a connection to 127.0.0.1:`port`. If it breaks later, every command still waiting gets
 * the error: fivebeans alone would leave their callbacks pending forever and hang the run.
 */
export function connectBeanstalk(port) {
  const client = new fivebeans.client('127.0.0.1', port);
  const failPending = (reason) => {
    // `handlers` is fivebeans' queue of [response parser, callback] for the commands in flight.
    for (const [, callback] of client.handlers.splice(0)) callback?.(reason);
  };
  return new Promise((resolve, reject) => {
    client.once('connect', () => {
      client.removeListener('error', reject);
      client.on('error', (error) => failPending(`connection error: ${error.message}`));
      client.on('close', () => {
        if (!closedByUs.has(client)) failPending('connection closed by beanstalkd');
      });
      resolve(client);
    });
    client.once('error', reject);
    client.connect();
  });
}

/** Sends one command; resolves with the reply's values (fivebeans passes them as callback arguments). */
export function command(client, name, ...args) {
  return new Promise((resolve, reject) => {
    client[name](...args, (error, ...values) => {
      if (error) reject(new Error(`beanstalkd ${name}: ${error}`));
      else resolve(values);
    });
  });
}

/** Closes the connection at once; beanstalkd releases any job it still had reserved for it. */
export function closeBeanstalk(client) {
  closedByUs.add(client);
  client.stream.destroy();
}
