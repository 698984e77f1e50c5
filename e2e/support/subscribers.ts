// Real push subscribers for the HUD's push specs: HTTP servers on 127.0.0.1 in the test process,
// dialled by Ferro's pusher over TCP. One answers 200; one answers 202 and then acknowledges
// through the Iron-Subscriber-Message-Url with the project's token, as a real subscriber would;
// one answers 500 until the test lets it recover (once its failure reached the error queue).
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { TOKEN } from './env';

export interface ReceivedPush {
  headers: http.IncomingHttpHeaders;
  body: string;
  messageId: string;
  /** The status this subscriber answered. */
  status: number;
}

export interface LocalSubscriber {
  url: string;
  received: ReceivedPush[];
  /** Pushes of one message id. */
  pushesOf(messageId: string): ReceivedPush[];
  /** Acknowledgement DELETEs sent (202 subscribers only), with the status Ferro answered. */
  acknowledgements: number[];
  /** With `ackDelayMs: 'manual'`: sends the acknowledgements held back so far. */
  acknowledgePending(): Promise<void>;
  close(): Promise<void>;
}

type Behaviour = 'ok' | 'accepting' | 'failing';

export interface SubscriberOptions {
  /** `failing` answers 500 while this is true. */
  state?: { isFailing: boolean };
  /**
   * `accepting` acknowledges this long after its 202 (ms), within the queue's retries_delay; or,
   * 'manual', when the test calls acknowledgePending().
   */
  ackDelayMs?: number | 'manual';
}

/** Answers: 200; 202 then an acknowledgement a moment later; 500 while `state.isFailing`, then 200. */
export async function startSubscriber(behaviour: Behaviour, options: SubscriberOptions = {}): Promise<LocalSubscriber> {
  const state = options.state ?? { isFailing: true };
  const received: ReceivedPush[] = [];
  const acknowledgements: number[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  const held: string[] = [];
  const acknowledge = (ackUrl: string) =>
    fetch(ackUrl, { method: 'DELETE', headers: { authorization: `OAuth ${TOKEN}` } }).then(
      (reply) => acknowledgements.push(reply.status),
      () => acknowledgements.push(0),
    );
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const status = behaviour === 'accepting' ? 202 : behaviour === 'failing' && state.isFailing ? 500 : 200;
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString(), messageId: String(req.headers['iron-message-id'] ?? ''), status });
      res.writeHead(status, { 'Content-Type': 'text/plain', 'X-Subscriber': behaviour }).end(`${behaviour} answered ${status}`);
      const ackUrl = req.headers['iron-subscriber-message-url'];
      if (status !== 202 || typeof ackUrl !== 'string') return;
      if (options.ackDelayMs === 'manual') return void held.push(ackUrl);
      const timer = setTimeout(() => {
        timers.delete(timer);
        void acknowledge(ackUrl);
      }, options.ackDelayMs ?? 1_500);
      timers.add(timer);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook/${behaviour}`,
    received,
    pushesOf: (messageId) => received.filter((push) => push.messageId === messageId),
    acknowledgements,
    async acknowledgePending() {
      await Promise.all(held.splice(0).map(acknowledge));
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}
