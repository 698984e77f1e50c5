// The main thread's side of the HUD: each HUD request goes, as it came, to the HUD's thread over a
// Unix socket only this process can use, and the answer streams back. Headers that describe one
// connection (Connection, Keep-Alive, Transfer-Encoding, …) stay with that connection.
import { Agent, request, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import { sendJson } from '../ironmq/http';

const HOP_BY_HOP = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'te', 'trailer', 'upgrade']);

function endToEnd(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

export interface HudProxy {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Closes the idle connections to the HUD's thread. */
  close(): void;
}

/** Methods without a body that change nothing: safe to send again when a pooled connection fails. */
const RETRYABLE = new Set(['GET', 'HEAD']);

export function createHudProxy(socketPath: string): HudProxy {
  const agent = new Agent({ keepAlive: true });

  function forward(req: IncomingMessage, res: ServerResponse, isRetry: boolean): void {
    const headers = endToEnd(req.headers);
    // A body sent in chunks has no length; the request to the HUD's thread needs chunks too
    // (Node would send a GET's body unframed otherwise, and the HUD would read it as a request).
    if (req.headers['transfer-encoding'] !== undefined) headers['transfer-encoding'] = 'chunked';
    const upstream = request({ socketPath, agent, method: req.method, path: req.url, headers }, (answer) => {
      res.writeHead(answer.statusCode ?? 502, answer.statusMessage, endToEnd(answer.headers));
      answer.pipe(res);
    });
    upstream.on('error', (error) => {
      // A pooled connection the HUD's server closed just as this request went out fails before
      // any answer: a bodiless GET goes again once, on a new connection (a page whose script
      // chunk failed so stayed unhydrated).
      const isBodiless = req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined;
      if (!isRetry && upstream.reusedSocket && !res.headersSent && RETRYABLE.has(req.method ?? '') && isBodiless) return forward(req, res, true);
      if (!res.headersSent) sendJson(res, 502, { msg: 'The HUD is not answering; try again shortly' });
      else res.destroy(error);
    });
    // A browser that leaves mid-answer frees the HUD's thread from finishing it.
    res.on('close', () => {
      if (!res.writableFinished) upstream.destroy();
    });
    if (isRetry) upstream.end();
    else req.pipe(upstream);
  }

  return {
    handle: (req, res) => forward(req, res, false),
    close: () => agent.destroy(),
  };
}
