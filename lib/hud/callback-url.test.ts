// Sign-in's return address: local paths pass, anything that could leave the site does not.
import { describe, expect, it } from 'vitest';
import { DEFAULT_AFTER_SIGN_IN, safeCallbackUrl } from './callback-url';

describe('safeCallbackUrl', () => {
  it('keeps a local path with its query', () => {
    expect(safeCallbackUrl('/projects/abc/queues?prefix=a')).toBe('/projects/abc/queues?prefix=a');
  });

  it.each([undefined, '', 'https://evil.test/', '//evil.test/x', '/\\evil.test', 'javascript:alert(1)', '/login?x=1', '/api/projects'])(
    'replaces %j with the default',
    (raw) => {
      expect(safeCallbackUrl(raw)).toBe(DEFAULT_AFTER_SIGN_IN);
    },
  );

  it('takes the first of repeated parameters', () => {
    expect(safeCallbackUrl(['/projects/x', '//evil.test'])).toBe('/projects/x');
  });
});
