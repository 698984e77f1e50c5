import { describe, expect, it } from 'vitest';
import { fieldReader, invalidUnicodePath, mayHoldSurrogate } from './json-fields';

describe('invalidUnicodePath', () => {
  it('names the first string or key with a lone surrogate', () => {
    expect(invalidUnicodePath({ messages: [{ body: 'ok' }, { body: 'bad \ud800' }] })).toBe('messages[1].body');
    expect(invalidUnicodePath({ queue: { ['k\udc00']: 1 } })).toBe('queue.k\udc00');
    expect(invalidUnicodePath('\ud800')).toBe('(the body)');
  });

  it('accepts well-formed text, astral characters included', () => {
    expect(invalidUnicodePath({ body: 'emoji 🚀 and ünïcödé', list: ['a', { b: 'c' }] })).toBeUndefined();
  });

  it('walks deep nesting without overflowing the stack', () => {
    let deep: unknown = 'x\ud800';
    for (let i = 0; i < 100_000; i += 1) deep = [deep];
    expect(invalidUnicodePath(deep)).toMatch(/^(\[0\]){100000}$/);
  });
});

describe('fieldReader', () => {
  const wire = fieldReader({ toError: (detail) => new Error(detail), isNullAbsent: true });
  const bff = fieldReader({ toError: (detail) => new Error(detail), isNullAbsent: false });

  it('applies each boundary’s rule for null', () => {
    expect(wire.string({ name: null }, 'name')).toBeUndefined();
    expect(() => bff.string({ name: null }, 'name')).toThrow('name must be a string');
  });

  it('reads only safe integers', () => {
    expect(wire.integer({ n: 3 }, 'n')).toBe(3);
    expect(() => wire.integer({ n: 1.5 }, 'n')).toThrow('n must be an integer');
    expect(() => wire.integer({ n: 2 ** 53 }, 'n')).toThrow('n must be an integer');
  });
});

describe('mayHoldSurrogate', () => {
  it('is true for JSON text with a surrogate escape in either case, paired or not', () => {
    for (const value of [{ body: 'lone \ud800' }, { body: 'x\udfff' }, ['\udbff']]) expect(mayHoldSurrogate(JSON.stringify(value))).toBe(true);
    expect(mayHoldSurrogate('{"body":"\\uD83D\\uDE00"}')).toBe(true);
    expect(mayHoldSurrogate('{"body":"\\uDAFF"}')).toBe(true);
  });

  it('is false for text no parse can give a surrogate: other escapes, astral characters as UTF-8', () => {
    expect(mayHoldSurrogate('{"body":"\\u00e9 \\u2028 \\uc800 🚀"}')).toBe(false);
    expect(mayHoldSurrogate(JSON.stringify({ body: 'ünïcödé 🚀', n: 1 }))).toBe(false);
  });

  it('may be true for text that only looks like one (an escaped backslash before it): the walk then finds nothing', () => {
    const text = JSON.stringify({ body: '\\ud800 as text' });
    expect([mayHoldSurrogate(text), invalidUnicodePath(JSON.parse(text))]).toEqual([true, undefined]);
  });
});
