import { describe, expect, it } from 'vitest';
import type { VenueHealth } from '../../../src-shared';
import { breakerWords, budgetWords, restrictionWords } from './health-words';

const base: VenueHealth = { venue: 'binance', breaker: 'closed', rateBudget: { windows: [] } };

describe('health words', () => {
  it('names a ban with its end as a wall-clock time, before anything else', () => {
    const now = new Date(2026, 0, 5, 14, 0).getTime();
    const words = restrictionWords({ ...base, bannedUntil: now + 32 * 60_000, pausedUntil: now + 5_000 }, now);
    expect(words).toMatch(/^Binance banned until 14:32 for too many requests\. No requests are sent to Binance/);
  });

  it('says when a Retry-After pause ends, and nothing once it has', () => {
    expect(restrictionWords({ ...base, venue: 'gate', pausedUntil: 10_500 }, 1_000)).toBe('Gate.io asked the app to slow down; requests resume in 10 s.');
    expect(restrictionWords({ ...base, pausedUntil: 500 }, 1_000)).toBeUndefined();
  });

  it('describes each breaker state', () => {
    expect(breakerWords(base)).toEqual({ tone: 'ok', label: 'Working' });
    expect(breakerWords({ ...base, breaker: 'open', retryAfterMs: 25_000 })).toMatchObject({ tone: 'bad', detail: expect.stringMatching(/tries again in 25 s/) });
    expect(breakerWords({ ...base, breaker: 'half-open' }).tone).toBe('warn');
  });

  it('shows budget use as a share of the limit', () => {
    expect(budgetWords({ id: 'REQUEST_WEIGHT', used: 1_200, limit: 6_000 })).toEqual({ text: 'REQUEST_WEIGHT: 1200 of 6000 used (20 %)', fraction: 0.2 });
  });
});
