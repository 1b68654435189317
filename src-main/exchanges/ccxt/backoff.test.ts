import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffCeiling, backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';

describe('backoff', () => {
  it('doubles from the initial delay and stops at the cap', () => {
    const ceilings = Array.from({ length: 10 }, (_, i) => backoffCeiling(i + 1, DEFAULT_BACKOFF));
    expect(ceilings).toEqual([500, 1_000, 2_000, 4_000, 8_000, 16_000, 30_000, 30_000, 30_000, 30_000]);
  });

  it('draws every delay within [(1 - jitter) × ceiling, ceiling], never above the cap, for any policy', () => {
    const policy = fc.record<BackoffPolicy>({
      initialMs: fc.integer({ min: 1, max: 5_000 }),
      factor: fc.double({ min: 1, max: 4, noNaN: true }),
      maxMs: fc.integer({ min: 5_000, max: 120_000 }),
      jitter: fc.double({ min: 0, max: 1, noNaN: true }),
      maxAttempts: fc.integer({ min: 1, max: 50 }),
    });
    fc.assert(
      fc.property(policy, fc.integer({ min: 1, max: 60 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (p, attempt, r) => {
        const ceiling = backoffCeiling(attempt, p);
        const delay = backoffDelay(attempt, p, () => r);
        expect(ceiling).toBeLessThanOrEqual(p.maxMs);
        expect(ceiling).toBeGreaterThanOrEqual(backoffCeiling(Math.max(1, attempt - 1), p));
        expect(delay).toBeLessThanOrEqual(Math.round(ceiling));
        expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * (1 - p.jitter)));
      }),
    );
  });

  it('spreads streams dropped together: different draws give different delays', () => {
    const delays = new Set([0, 0.25, 0.5, 0.75].map((r) => backoffDelay(3, DEFAULT_BACKOFF, () => r)));
    expect(delays.size).toBe(4);
  });
});
