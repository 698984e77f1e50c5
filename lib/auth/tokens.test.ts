// Token secrets and project ids: format of generated values and the rules for chosen ones.
import { describe, expect, it } from 'vitest';
import { assertValidProjectId, generateId, isValidProjectId } from './project-ids';
import { assertValidTokenSecret, generateTokenSecret, hashTokenSecret, isSameTokenHash, tokenHint } from './tokens';

describe('token secrets', () => {
  it('are 27 URL-safe characters and unique', () => {
    const secrets = new Set(Array.from({ length: 100 }, generateTokenSecret));
    expect(secrets.size).toBe(100);
    for (const s of secrets) expect(s).toMatch(/^[A-Za-z0-9_-]{27}$/);
  });

  it('hash to 32 bytes that compare equal only for the same secret', () => {
    const a = hashTokenSecret('ferro-test-token-0123456789');
    expect(a).toHaveLength(32);
    expect(isSameTokenHash(a, hashTokenSecret('ferro-test-token-0123456789'))).toBe(true);
    expect(isSameTokenHash(a, hashTokenSecret('ferro-test-token-0123456780'))).toBe(false);
    expect(isSameTokenHash(a, a.subarray(0, 16))).toBe(false);
  });

  it('accept chosen secrets of URL-unreserved characters only', () => {
    expect(assertValidTokenSecret('ferro-test-token-0123456789')).toBe('ferro-test-token-0123456789');
    for (const bad of ['', 'short', 'has space in it', 'plus+sign+token', 'x'.repeat(257)]) {
      expect(() => assertValidTokenSecret(bad)).toThrow(/Invalid token/);
    }
  });

  it('keep a 4-character hint', () => {
    expect(tokenHint('abcdefgh1234')).toBe('1234');
  });
});

describe('project ids', () => {
  it('are generated as 24 lowercase hex', () => {
    expect(generateId()).toMatch(/^[0-9a-f]{24}$/);
    expect(isValidProjectId(generateId())).toBe(true);
  });

  it('reject anything else with a clear message', () => {
    for (const bad of ['', '54F95A43ECBD7E000800002A', '54f95a43ecbd7e000800002', '54f95a43ecbd7e000800002ag', 'my-project']) {
      expect(isValidProjectId(bad)).toBe(false);
      expect(() => assertValidProjectId(bad)).toThrow(/24 lowercase hex/);
    }
  });
});
