import { describe, expect, it } from 'vitest';
import { failureWords, formatAge } from './age';

describe('formatAge', () => {
  it('reads in seconds, minutes, hours and days, never NaN', () => {
    expect([0, 999, 1_000, 59_999, 60_000, 3_599_999, 3_600_000, 3_900_000, 90_000_000].map(formatAge)).toEqual([
      'now',
      'now',
      '1 s',
      '59 s',
      '1 min',
      '59 min',
      '1 h',
      '1 h 5 min',
      '1 d',
    ]);
    expect([NaN, -5, Infinity].map(formatAge)).toEqual(['—', '—', '—']);
  });

  it('adds when a failing source is expected back', () => {
    expect(failureWords('Polygon rate limit reached', 42_000)).toBe('Polygon rate limit reached (retry in 42 s)');
    expect(failureWords('no API key set', undefined)).toBe('no API key set');
  });
});
