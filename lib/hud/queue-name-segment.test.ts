import { describe, expect, it } from 'vitest';
import { queueNameFromSegment, queueNameToSegment } from './queue-name-segment';

/** What a browser does to a path before sending it: dot segments go, %2e included. */
function normalisedSegment(segment: string): string {
  const url = new URL(`http://hud.test/projects/p/queues/${segment}/messages`);
  return url.pathname.split('/')[4];
}

const NAMES = ['.', '..', '', '~', '~~', '~..', '...', ' ', 'a/b', '%2F', '%2e%2e', 'ünï cödé', 'plain', '~tilde'];

describe('queue names in HUD URLs', () => {
  it.each(NAMES)('%j survives a browser URL and comes back unchanged', (name) => {
    const segment = queueNameToSegment(name);
    expect(normalisedSegment(segment)).toBe(segment);
    expect(queueNameFromSegment(decodeURIComponent(segment))).toBe(name);
  });

  it('leaves ordinary names readable', () => {
    expect(queueNameToSegment('orders')).toBe('orders');
    expect(queueNameToSegment('..')).toBe('~..');
    expect(queueNameToSegment('~x')).toBe('~~x');
  });

  it('gives distinct names distinct segments', () => {
    expect(new Set(NAMES.map(queueNameToSegment)).size).toBe(NAMES.length);
  });
});
