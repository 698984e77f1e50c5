// A lean IronMQ v3 client for the load generator: node:http over one keep-alive agent, bodies
// passed in already serialised, replies returned as text so callers parse only what they need.
import http from 'node:http';

const MAX_SOCKETS = 16;
/** A request with no reply for this long fails, so no loop can hang on a stuck server (ms). */
const REQUEST_TIMEOUT_MS = 60_000;

export class BenchClient {
  /** `port` of a server on 127.0.0.1; `projectId` and `token` of its first project. */
  constructor({ port, projectId, token }) {
    this.port = port;
    this.agent = new http.Agent({ keepAlive: true, maxSockets: MAX_SOCKETS });
    this.auth = `OAuth ${token}`;
    this.base = `/3/projects/${projectId}/queues`;
  }

  messagesPath(queue) {
    return `${this.base}/${queue}/messages`;
  }

  reservationsPath(queue) {
    return `${this.base}/${queue}/reservations`;
  }

  /** Sends one request; resolves with { status, text }, rejects on a non-2xx status. */
  request(method, path, body, signal) {
    return new Promise((resolve, reject) => {
      const req = http.request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          signal,
          timeout: REQUEST_TIMEOUT_MS,
          headers: {
            Authorization: this.auth,
            'Content-Type': 'application/json',
            'Content-Length': body.length,
          },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const text = chunks.length === 1 ? chunks[0].toString() : Buffer.concat(chunks).toString();
            if (res.statusCode >= 200 && res.statusCode < 300) resolve({ status: res.statusCode, text });
            else reject(new Error(`${method} ${path} → ${res.statusCode} ${text.slice(0, 200)}`));
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no reply in ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Posts a pre-serialised `{"messages":[...]}` body. */
  post(queue, body) {
    return this.request('POST', this.messagesPath(queue), body);
  }

  /** Reserves with a pre-serialised `{"n":..,"timeout":..,"wait":..}` body; returns the messages. */
  async reserve(queue, body, signal) {
    const { text } = await this.request('POST', this.reservationsPath(queue), body, signal);
    return JSON.parse(text).messages;
  }

  /** Batch-deletes reserved messages by id and reservation id. */
  deleteReserved(queue, messages) {
    return this.request('DELETE', this.messagesPath(queue), deleteBody(messages));
  }

  close() {
    this.agent.destroy();
  }
}

/** `{"ids":[{"id":..,"reservation_id":..}]}` built by concatenation: ids are digits, reservation ids hex. */
function deleteBody(messages) {
  let json = '{"ids":[';
  for (let i = 0; i < messages.length; i += 1) {
    const { id, reservation_id: reservationId } = messages[i];
    json += `${i === 0 ? '' : ','}{"id":"${id}","reservation_id":"${reservationId}"}`;
  }
  return Buffer.from(`${json}]}`);
}

/** A pre-serialised post body of `count` messages, each `bodyBytes` ASCII characters long. */
export function postBody(count, bodyBytes) {
  const message = JSON.stringify({ body: 'x'.repeat(bodyBytes) });
  return Buffer.from(`{"messages":[${Array(count).fill(message).join(',')}]}`);
}

/** A pre-serialised reserve body; `timeout` and `wait` in seconds, as on the wire. */
export function reserveBody({ n, timeout = 60, wait = 0 }) {
  return Buffer.from(JSON.stringify({ n, timeout, wait }));
}
