// A browser stand-in for the HUD: signs in through next-auth's credentials flow, keeps the
// cookies it is given, and times GETs of BFF routes and pages from request to the last byte.
import http from 'node:http';
import { performance } from 'node:perf_hooks';

/** A page or BFF call with no reply for this long fails, so a stuck render cannot hang the case (ms). */
const REQUEST_TIMEOUT_MS = 60_000;

export class HudClient {
  /**
   * `port` of a server on 127.0.0.1 that serves the HUD; `maxSockets` requests at once (a
   * browser loading a page sends several).
   */
  constructor({ port, maxSockets = 1 }) {
    this.port = port;
    // One socket by default: the samples are sequential, like one person clicking through the HUD.
    this.agent = new http.Agent({ keepAlive: true, maxSockets });
    this.origin = `http://127.0.0.1:${port}`;
    /** Cookie values by name, as a browser would send them back. */
    this.cookies = new Map();
  }

  /** Signs in like the sign-in form does; throws unless next-auth sets a session cookie. */
  async signIn(email, password) {
    const { csrfToken } = JSON.parse((await this.get('/api/auth/csrf')).text);
    const form = new URLSearchParams({ email, password, csrfToken, callbackUrl: '/projects', json: 'true' });
    const reply = await this.send('POST', '/api/auth/callback/credentials', {
      body: Buffer.from(form.toString()),
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: this.origin },
    });
    if (![...this.cookies.keys()].some((name) => name.endsWith('next-auth.session-token'))) {
      throw new Error(`sign-in as ${email} set no session cookie (${reply.status} ${reply.text.slice(0, 200)})`);
    }
  }

  /** GETs `path`; resolves with { status, text, ms }, rejects on any status but 200. */
  async get(path) {
    const reply = await this.send('GET', path);
    if (reply.status !== 200) throw new Error(`GET ${path} → ${reply.status} ${reply.headers.location ?? reply.text.slice(0, 200)}`);
    return reply;
  }

  /** One request with the cookie jar; `ms` runs from sending to the reply's last byte. */
  send(method, path, { body = Buffer.alloc(0), headers = {} } = {}) {
    return new Promise((resolve, reject) => {
      const startMs = performance.now();
      const cookie = [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
      const req = http.request(
        {
          agent: this.agent,
          host: '127.0.0.1',
          port: this.port,
          method,
          path,
          timeout: REQUEST_TIMEOUT_MS,
          headers: { ...headers, ...(cookie ? { Cookie: cookie } : {}), 'Content-Length': body.length },
        },
        (res) => {
          const chunks = [];
          res.on('data', (chunk) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => {
            const ms = performance.now() - startMs;
            this.keepCookies(res.headers['set-cookie'] ?? []);
            resolve({ status: res.statusCode, headers: res.headers, text: Buffer.concat(chunks).toString(), ms });
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no reply in ${REQUEST_TIMEOUT_MS} ms`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Stores each `name=value` and forgets cookies the server expires (Max-Age=0). */
  keepCookies(setCookies) {
    for (const line of setCookies) {
      const [pair, ...attributes] = line.split(';');
      const split = pair.indexOf('=');
      const name = pair.slice(0, split).trim();
      const isExpired = attributes.some((attribute) => /^\s*max-age=0\s*$/i.test(attribute));
      if (isExpired) this.cookies.delete(name);
      else this.cookies.set(name, pair.slice(split + 1).trim());
    }
  }

  close() {
    this.agent.destroy();
  }
}
