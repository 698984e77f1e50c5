import { describe, expect, it } from 'vitest';
import { hudPathProblem } from './hud-path-guard';

describe('HUD and BFF paths Next must never see', () => {
  it.each([
    ['/api/projects/p/queues/..', 'segment'],
    ['/api/projects/p/queues/%2e%2E', 'segment'],
    ['/api/projects/p/queues/./messages', 'segment'],
    ['/projects/p/queues/%2E', 'segment'],
    ['/api/projects/p/queues//messages', 'empty'],
    ['//evil.example/path', 'empty'],
    ['/api/projects/p/queues/q/messages/', 'slash'],
    ['/api/projects/p/queues/%E0%A4%A', 'percent'],
    ['/projects/p/queues/%E0%A4%A?tab=messages', 'percent'],
    ['/api/projects/%ZZ', 'percent'],
  ])('%s is refused', (path, kind) => {
    expect(hudPathProblem(path)).toMatch(new RegExp(kind === 'segment' ? '"\\." or' : kind));
  });

  it.each([
    '/',
    '/projects/',
    '/projects/p/queues/~..?tab=messages',
    '/projects/p/queues/...',
    '/api/projects/p/queues/a%2Fb/messages?after=12',
    '/api/projects/p/queues/%2e%2e.x',
    '/_next/static/chunks/app.js',
    '/login?callbackUrl=%2Fprojects%2F..%2F',
  ])('%s passes', (path) => {
    expect(hudPathProblem(path)).toBeUndefined();
  });
});

describe('request targets that are not paths', () => {
  it.each(['*', 'http://evil.example/', 'example.com:443'])('%s is refused', (target) => {
    expect(hudPathProblem(target)).toMatch(/must be a path/);
  });
});
