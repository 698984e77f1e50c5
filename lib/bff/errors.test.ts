// The BFF's one error table: known codes keep their status and detail, whichever bundle's class
// threw them; anything else is a logged 500 with a fixed text.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { AuthError } from '../auth/errors';
import { EngineError } from '../engine/errors';
import { BffError, toBffReply } from './errors';

afterEach(() => {
  vi.restoreAllMocks();
});

/** An error shaped like another bundle's copy of EngineError: same name and code, different class. */
function foreignEngineError(code: string): Error {
  return Object.assign(new Error(code), { name: 'EngineError', code });
}

describe('toBffReply', () => {
  it.each([
    [new BffError('UNAUTHENTICATED'), 401, { code: 'UNAUTHENTICATED', msg: 'Sign in to continue' }],
    [new BffError('CROSS_ORIGIN'), 403, { code: 'CROSS_ORIGIN', msg: 'Cross-origin request refused' }],
    [new BffError('PROJECT_NOT_FOUND'), 404, { code: 'PROJECT_NOT_FOUND', msg: 'Project not found' }],
    [new EngineError('QUEUE_NOT_FOUND'), 404, { code: 'QUEUE_NOT_FOUND', msg: 'Queue not found' }],
    [foreignEngineError('MESSAGE_NOT_FOUND'), 404, { code: 'MESSAGE_NOT_FOUND', msg: 'Message not found' }],
    [new EngineError('INVALID_ARGUMENT', 'delay must be …'), 400, { code: 'INVALID_ARGUMENT', msg: 'delay must be …' }],
    [new AuthError('INVALID_ARGUMENT', 'Invalid name'), 400, { code: 'INVALID_ARGUMENT', msg: 'Invalid name' }],
  ])('maps %s', (error, status, body) => {
    expect(toBffReply(error)).toEqual({ status, body });
  });

  it('answers anything else with a fixed 500 and logs it', () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(toBffReply(new TypeError('secret detail'))).toEqual({ status: 500, body: { code: 'INTERNAL', msg: 'Internal server error' } });
    expect(log).toHaveBeenCalledOnce();
  });

  it('does not trust a code on an unknown error class', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(toBffReply(Object.assign(new Error('x'), { code: 'QUEUE_NOT_FOUND' })).status).toBe(500);
  });
});
