// The one interface every system adapter under systems/ implements, so the workloads, the
// timing and the reports are written once and measure every system the same way. An adapter
// only knows how to start its server, move batches of bodies in and out, and clean up.

/**
 * @typedef {object} System
 * @property {string} id            stable key in results (`ferro`, `rabbitmq`, ...)
 * @property {string} label         name in tables and charts
 * @property {string} durability    what an acknowledged write survives, in one sentence (read from the server where it can be)
 * @property {string} durabilityTag the same in two or three words, for table headers and the chart legend
 * @property {string} acknowledgement  what the consume workloads wait for before counting a message as consumed
 * @property {() => Promise<void>} start  starts or connects; throws SkipError when the system cannot be used here
 * @property {() => Promise<void>} stop   ends what start() started (by PID) and closes connections
 * @property {() => number[]} pids        server processes whose CPU is the system's own, not "other processes"
 * @property {() => { pid?: number, note?: string, reason?: string }} serverProcess  the process whose RSS is the
 *   system's memory, with a note on what that RSS covers, or the reason there is none
 * @property {(name: string) => Promise<Queue>} openQueue  a fresh, empty queue (tube, BullMQ queue) named `name`
 */

/**
 * @typedef {object} Queue
 * @property {(bodies: string[]) => unknown} encode  turns bodies into the system's batch, once, outside the timed loop
 * @property {() => Promise<{ publish: (batch: unknown) => Promise<void>, close: () => Promise<void> }>} publisher
 *   one producer (connection, channel); publish() resolves once the system has acknowledged the whole batch
 * @property {(options: { limit: number, onBody: (body: string | Buffer) => void }) => Promise<Consumer>} consume
 *   starts consumers that take at most `limit` messages (Infinity: until stopped), call onBody on receipt and acknowledge each
 * @property {() => Promise<void>} drop  deletes the queue and whatever is left in it
 */

/**
 * @typedef {object} Consumer
 * @property {Promise<void>} done  resolves once `limit` messages are acknowledged; rejects on a consumer error
 * @property {() => number} acked  messages acknowledged so far
 * @property {() => Promise<void>} stop  stops taking messages and closes the consumers' connections
 */

/** Thrown by start() when a system is absent or unreachable: the run prints `reason` and goes on. */
export class SkipError extends Error {
  constructor(reason) {
    super(reason);
    this.name = 'SkipError';
  }
}

/**
 * A `done` promise with its resolve and reject, for consumers that count acknowledgements
 * from callbacks. `done` is marked handled, so a consumer error with nobody awaiting yet
 * cannot crash the run; whoever awaits it still sees the rejection.
 */
export function completion() {
  let resolve;
  let reject;
  const done = new Promise((res, rej) => {
    resolve = res;
    reject = rej;
  });
  done.catch(() => {});
  return { done, resolve, reject };
}
