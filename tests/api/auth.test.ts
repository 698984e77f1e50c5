// Authentication (docs/api.md §1.3): the token may come in the Authorization header (scheme
// "OAuth" in any case), the `oauth` query parameter or the `oauth` key of a JSON body. Anything
// else is a 401 that reveals nothing and changes nothing.
import { describe, expect, it } from 'vitest';
import {
  ANY_TEXT,
  expectJson,
  expectMsg,
  uniqueQueueName,
  useApiServer,
  v3Paths,
  type V3Paths,
} from '../helpers/api';

const api = useApiServer();
const INVALID = 'Invalid project/token combination';
const WRONG_TOKEN = 'not-the-token-0123456789';
/** A well-formed project id (§1.3) that the server's token does not belong to. */
const OTHER_PROJECT_ID = '0123456789abcdef01234567';

describe.concurrent('accepted credentials', () => {
  it.for(['OAuth', 'oauth', 'OAUTH', 'oAuth'])('Authorization: %s <token>', async (scheme) => {
    const headers = { Authorization: `${scheme} ${api.server.token}` };
    const res = await api.request('GET', api.paths.queues(), { token: null, headers });
    expectJson(res, 200);
    expect(Array.isArray(res.body.queues)).toBe(true);
  });

  it('?oauth=<token> without a header', async () => {
    const res = await api.request('GET', api.paths.queues({ oauth: api.server.token }), { token: null });
    expectJson(res, 200);
  });

  it('the oauth key of a JSON body, which is never taken as data', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'auth-body');
    const token = api.server.token;
    const post = await api.request('POST', api.paths.messages(q), {
      token: null,
      json: { oauth: token, messages: [{ body: 'hello' }] },
    });
    expectJson(post, 201);
    expect((await api.peekOrThrow(q)).map((m) => m.body)).toEqual(['hello']);

    // A body holding only `oauth` is a clear, not a batch delete (§3.8).
    const clear = await api.request('DELETE', api.paths.messages(q), { token: null, json: { oauth: token } });
    expectMsg(clear, 200, 'Cleared');
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it('a valid header alongside a wrong ?oauth= (PHP sends both)', async () => {
    const res = await api.request('GET', api.paths.queues({ oauth: WRONG_TOKEN }));
    expectJson(res, 200);
  });
});

describe.concurrent('rejected credentials', () => {
  const cases = [
    { name: 'no token at all', token: null, msg: ANY_TEXT },
    { name: 'a wrong token in the header', token: WRONG_TOKEN, msg: INVALID },
    { name: 'an empty OAuth header', token: '', msg: ANY_TEXT },
    { name: 'a wrong ?oauth=', token: null, query: WRONG_TOKEN, msg: INVALID },
    { name: 'a wrong body oauth', token: null, json: { oauth: WRONG_TOKEN }, msg: INVALID },
    // The header is consulted first (§1.3 precedence), so a right query token does not rescue it.
    { name: 'a wrong header with a right ?oauth=', token: WRONG_TOKEN, query: 'RIGHT', msg: INVALID },
  ];
  it.for(cases)('$name → 401', async ({ token, query, json, msg }) => {
    const oauth = query === 'RIGHT' ? api.server.token : query;
    const path = api.paths.queues(oauth === undefined ? undefined : { oauth });
    const res = await api.request('GET', path, { token, json });
    expectMsg(res, 401, msg);
  });
});

interface Endpoint {
  name: string;
  method: string;
  path: (p: V3Paths, q: string, mid: string) => string;
  json?: unknown;
}

const ENDPOINTS: Endpoint[] = [
  { name: 'list queues', method: 'GET', path: (p) => p.queues() },
  { name: 'create queue', method: 'PUT', path: (p, q) => p.queue(`${q}-new`), json: {} },
  { name: 'queue info', method: 'GET', path: (p, q) => p.queue(q) },
  { name: 'update queue', method: 'PATCH', path: (p, q) => p.queue(q), json: { queue: { message_timeout: 99 } } },
  { name: 'delete queue', method: 'DELETE', path: (p, q) => p.queue(q) },
  { name: 'post messages', method: 'POST', path: (p, q) => p.messages(q), json: { messages: [{ body: 'x' }] } },
  { name: 'post to a new queue', method: 'POST', path: (p, q) => p.messages(`${q}-new`), json: { messages: [{ body: 'x' }] } },
  { name: 'reserve', method: 'POST', path: (p, q) => p.reservations(q), json: { n: 10 } },
  { name: 'peek', method: 'GET', path: (p, q) => p.messages(q, { n: 10 }) },
  { name: 'get message', method: 'GET', path: (p, q, mid) => p.message(q, mid) },
  { name: 'delete message', method: 'DELETE', path: (p, q, mid) => p.message(q, mid) },
  { name: 'batch delete', method: 'DELETE', path: (p, q) => p.messages(q), json: { ids: [] } },
  { name: 'clear', method: 'DELETE', path: (p, q) => p.messages(q), json: {} },
  { name: 'touch', method: 'POST', path: (p, q, mid) => p.touch(q, mid), json: {} },
  { name: 'release', method: 'POST', path: (p, q, mid) => p.release(q, mid), json: {} },
];

describe.concurrent('a wrong token is refused before anything happens', () => {
  it.for(ENDPOINTS)('$name', async ({ method, path, json }, { onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'auth-wrong');
    onTestFinished(() => api.dropQueue(`${q}-new`));
    const [mid] = await api.postOrThrow(q, ['kept']);

    const res = await api.request(method, path(api.paths, q, mid), { token: WRONG_TOKEN, json });
    expectMsg(res, 401, INVALID);

    expect(await api.queueOrThrow(q)).toMatchObject({ size: 1, total_messages: 1, message_timeout: 60 });
    expect(await api.peekOrThrow(q)).toEqual([{ id: mid, body: 'kept', reserved_count: 0 }]);
    expectMsg(await api.getQueue(`${q}-new`), 404, 'Queue not found');
  });
});

describe('another project', () => {
  it('a valid token used on a project id it does not belong to gets 401 and no data', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'auth-project');
    await api.postOrThrow(q, ['secret body']);
    const other = v3Paths(OTHER_PROJECT_ID);
    const attempts: [string, string, unknown?][] = [
      ['GET', other.queues()],
      ['GET', other.queue(q)],
      ['GET', other.messages(q, { n: 10 })],
      ['POST', other.reservations(q), { n: 10 }],
      ['POST', other.messages(q), { messages: [{ body: 'intruder' }] }],
      ['POST', other.messages(uniqueQueueName('auth-other')), { messages: [{ body: 'intruder' }] }],
      ['DELETE', other.messages(q), {}],
      ['DELETE', other.queue(q)],
    ];
    for (const [method, path, json] of attempts) {
      const res = await api.request(method, path, { json });
      expectMsg(res, 401, INVALID);
    }

    expect(await api.queueOrThrow(q)).toMatchObject({ size: 1, total_messages: 1 });
    expect((await api.peekOrThrow(q)).map((m) => [m.body, m.reserved_count])).toEqual([['secret body', 0]]);
  });
});
