import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES } from '../../src-shared';
import { localError } from './local-errors';
import { backoffDelay, isRetryable } from './retry';

describe('retry policy', () => {
  it('backoff delays never shrink and stay within their jitter bounds, whatever the draws', () => {
    const options = fc.record({
      maxRetries: fc.constant(8),
      baseDelayMs: fc.integer({ min: 1, max: 5_000 }),
      maxDelayMs: fc.integer({ min: 5_000, max: 120_000 }),
      jitter: fc.double({ min: 0, max: 0.5, noNaN: true }),
    });
    const draws = fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 8, maxLength: 8 });
    fc.assert(
      fc.property(options, draws, (o, d) => {
        const delays = d.map((draw, i) => backoffDelay(o, i + 1, draw));
        delays.forEach((delay, i) => {
          const ceiling = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** i);
          expect(delay).toBeLessThanOrEqual(Math.round(ceiling));
          expect(delay).toBeGreaterThanOrEqual(Math.floor(ceiling * (1 - o.jitter)));
          if (i > 0) expect(delay).toBeGreaterThanOrEqual(delays[i - 1] ?? Infinity);
        });
      }),
    );
  });

  it('retries only venue failures and rate limits from the venue', () => {
    const retryable = ERROR_CODES.filter((code) => isRetryable(new AppError(code, code)));
    expect(retryable).toEqual(['TIMEOUT', 'VENUE_UNAVAILABLE', 'RATE_LIMITED']);
    // Refusals raised here (open circuit, used-up budget, full queue) never reached the venue: not repeated.
    expect(isRetryable(localError('RATE_LIMITED', 'budget used up', 500))).toBe(false);
    expect(isRetryable(new Error('plain'))).toBe(false);
  });
});
