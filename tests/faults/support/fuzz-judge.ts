// How the fuzzer judges one exchange on its own, before looking at state: never a 5xx (503 only
// for storage, which a healthy disk never causes), well-formed requests always answered, and on
// the wire API every reply JSON with errors exactly {"msg": string} (docs/api.md §0.3, §0.4).
import type { FuzzCase } from './fuzz-cases';
import type { RawExchange, RawReply } from './raw-http';

/** Node's own answer to bytes it cannot parse: a bare status line, no body (it never reaches the API). */
export const isParserReply = (reply: RawReply) => reply.headers['content-type'] === undefined && reply.body.length === 0;

function wireShapeProblem(reply: RawReply, isHead: boolean): string | undefined {
  if (reply.headers['content-type'] !== 'application/json') return `Content-Type ${reply.headers['content-type']}`;
  if (isHead) return undefined;
  let body: unknown;
  try {
    body = JSON.parse(reply.body.toString('utf8'));
  } catch {
    return `body is not JSON: ${reply.body.subarray(0, 100).toString('latin1')}`;
  }
  // v1 lists are bare arrays (§5.2); every other reply is an object.
  if (reply.status < 400) return undefined;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return 'error body is not a JSON object';
  const keys = Object.keys(body);
  if (keys.length !== 1 || keys[0] !== 'msg' || typeof (body as { msg: unknown }).msg !== 'string') {
    return `error body is not exactly {"msg": string}: ${reply.body.subarray(0, 200).toString('utf8')}`;
  }
  return undefined;
}

/** Problems with one exchange; empty when it passes. */
export function judgeExchange(fuzzCase: FuzzCase, exchange: RawExchange): string[] {
  const problems: string[] = [];
  if (fuzzCase.needsAnswer && exchange.replies.length === 0) {
    problems.push(exchange.isClosedByServer ? 'closed without an answer' : `no answer within ${fuzzCase.timeoutMs} ms`);
  }
  for (const reply of exchange.replies) {
    if (reply.status >= 500) problems.push(`answered ${reply.status}: ${reply.body.subarray(0, 200).toString('utf8')}`);
  }
  const [first] = exchange.replies;
  if (fuzzCase.isWirePath && first) {
    // A well-formed request has to reach the API, whose every reply is JSON.
    const problem = isParserReply(first) ? `answered ${first.status} by the HTTP parser, not the API` : wireShapeProblem(first, fuzzCase.isHead);
    if (problem) problems.push(`${first.status}: ${problem}`);
  }
  if (fuzzCase.needsAnswer && exchange.replies.length > 1) problems.push(`${exchange.replies.length} answers to one request`);
  return problems;
}

/** Whether any reply accepted the request, allowing it to change state. */
export const isAccepted = (exchange: RawExchange) => exchange.replies.some((reply) => reply.status >= 200 && reply.status < 300);
