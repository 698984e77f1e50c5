// Request ids, echoed in X-Request-Id and written in every log line about the request, so a
// user's report ("it failed, request id 3f9c…") leads straight to the server's account of it.
import { randomBytes } from 'node:crypto';

/** Ids a client may choose for its own request: short and plain, so they cannot forge log lines. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * New ids: this process's random prefix and a counter, 16 hex digits. Unique across instances
 * and restarts (the prefix), and no call into the random source per request.
 */
const PREFIX = randomBytes(4).toString('hex');
let counter = 0;

/** The request's id: the client's X-Request-Id when it is a plain token, else a new one. */
export function requestIdOf(header: string | string[] | undefined): string {
  const given = Array.isArray(header) ? header[0] : header;
  if (given && CLIENT_REQUEST_ID.test(given)) return given;
  counter = (counter + 1) % 0x1_0000_0000;
  return PREFIX + counter.toString(16).padStart(8, '0');
}
