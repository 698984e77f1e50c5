// JSON checks for the post dialog and the message drawer's pretty view.
import { describe, expect, it } from 'vitest';
import { checkJson, prettyJsonOrNull } from './json-body';

describe('checkJson', () => {
  it('pretty-prints valid JSON', () => {
    expect(checkJson('{"a":1}')).toEqual({ isValid: true, pretty: '{\n  "a": 1\n}' });
  });

  it('reports invalid JSON', () => {
    expect(checkJson('{a:1}').isValid).toBe(false);
  });
});

describe('prettyJsonOrNull', () => {
  it('indents objects and arrays only', () => {
    expect(prettyJsonOrNull(' [1,2] ')).toBe('[\n  1,\n  2\n]');
    expect(prettyJsonOrNull('42')).toBeNull();
    expect(prettyJsonOrNull('<img src=x onerror=alert(1)>')).toBeNull();
  });
});
