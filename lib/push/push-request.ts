// One push attempt over HTTP(S): resolve the host, check the address against the policy, POST
// the raw body to that address, and classify the answer (§4.8.2). Redirects are not followed,
// the response is read only up to a cap, and a hard deadline bounds the whole exchange.
import { lookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import { isIP } from 'node:net';
import type { DeliveryOutcome } from '../engine/types';
import { unmapIPv4, type AddressPolicy } from './address-policy';

/** Bytes of a subscriber's response we read; the rest is discarded with the connection. */
const MAX_RESPONSE_BYTES = 64 * 1024;

/** Connections are reused per dialled address: a busy subscriber costs no handshake per message. */
const agents = {
  http: new http.Agent({ keepAlive: true, maxSockets: 64 }),
  https: new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export type Resolver = (hostname: string) => Promise<string[]>;

export const systemResolver: Resolver = async (hostname) =>
  (await lookup(hostname, { all: true, verbatim: true })).map((entry) => entry.address);

export interface PushRequest {
  url: URL;
  headers: Record<string, string>;
  body: string;
  timeoutMs: number;
  policy: AddressPolicy;
  resolve: Resolver;
}

export type PushResult = Pick<DeliveryOutcome, 'statusCode' | 'result' | 'errorMessage'>;

/** What a subscriber answered beyond its status, for the HUD's test push: headers and the body read (up to the cap). */
export interface PushResponse {
  headers: Array<[string, string]>;
  body: Buffer;
  /** More body came than was read. */
  isTruncated: boolean;
}

const failure = (errorMessage: string, statusCode = 0): PushResult => ({ statusCode, result: 'failed', errorMessage });

/** The address to dial: the first the policy allows, or an explanation of why there is none. */
async function chooseAddress(request: PushRequest): Promise<{ address: string } | { error: string }> {
  const hostname = request.url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(hostname) ? [hostname] : await request.resolve(hostname);
  const allowed = addresses.map(unmapIPv4).find((address) => request.policy.isAllowed(address));
  if (allowed) return { address: allowed };
  return { error: `Subscriber address ${addresses.join(', ') || hostname} is not allowed by the push policy` };
}

/** One push; `onResponse`, when given, also receives the answer's headers and body (the pusher never asks). */
export async function sendPush(request: PushRequest, onResponse?: (response: PushResponse) => void): Promise<PushResult> {
  let chosen: Awaited<ReturnType<typeof chooseAddress>>;
  try {
    chosen = await chooseAddress(request);
  } catch (error) {
    return failure(`Could not resolve ${request.url.hostname}: ${(error as Error).message}`);
  }
  if ('error' in chosen) return failure(chosen.error);
  const isHttps = request.url.protocol === 'https:';
  const body = Buffer.from(request.body, 'utf8');

  return new Promise<PushResult>((resolve) => {
    let isSettled = false;
    const settle = (result: PushResult) => {
      if (isSettled) return;
      isSettled = true;
      clearTimeout(deadline);
      req.destroy();
      resolve(result);
    };
    const req = (isHttps ? https : http).request({
      host: chosen.address,
      port: request.url.port || (isHttps ? 443 : 80),
      path: `${request.url.pathname}${request.url.search}`,
      method: 'POST',
      // The name, not the dialled address, is what virtual hosts and certificates expect.
      servername: isIP(request.url.hostname) ? undefined : request.url.hostname,
      headers: { ...request.headers, Host: request.url.host, 'Content-Length': String(body.length) },
      agent: isHttps ? agents.https : agents.http,
    });
    const deadline = setTimeout(() => settle(failure(`No answer within ${request.timeoutMs} ms`)), request.timeoutMs);
    req.once('error', (error) => settle(failure(error.message)));
    req.once('response', (res) => {
      const statusCode = res.statusCode ?? 0;
      const chunks: Buffer[] = [];
      let received = 0;
      const answer = () => {
        if (!isSettled) onResponse?.({ headers: headerPairs(res.rawHeaders), body: Buffer.concat(chunks).subarray(0, MAX_RESPONSE_BYTES), isTruncated: received > MAX_RESPONSE_BYTES });
        settle(classify(statusCode));
      };
      res.on('data', (chunk: Buffer) => {
        received += chunk.length;
        if (onResponse) chunks.push(chunk);
        if (received > MAX_RESPONSE_BYTES) answer();
      });
      res.once('end', answer);
      res.once('error', answer);
    });
    req.end(body);
  });
}

function headerPairs(raw: string[]): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i + 1 < raw.length; i += 2) pairs.push([raw[i], raw[i + 1]]);
  return pairs;
}

/** 202 asks for an acknowledgement; other 2xx deliver; anything else (3xx included) fails. */
function classify(statusCode: number): PushResult {
  if (statusCode === 202) return { statusCode, result: 'accepted', errorMessage: null };
  if (statusCode >= 200 && statusCode < 300) return { statusCode, result: 'delivered', errorMessage: null };
  return failure(`Subscriber answered ${statusCode}`, statusCode);
}
