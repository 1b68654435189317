import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src-shared';
import { VenueBreaker, type BreakerState } from './breaker';

const down = () => Promise.reject(new AppError('VENUE_UNAVAILABLE', 'binance 503'));
const up = () => Promise.resolve('ok');

async function failTimes(breaker: VenueBreaker, n: number): Promise<void> {
  for (let i = 0; i < n; i++) await expect(breaker.execute(down)).rejects.toMatchObject({ code: 'VENUE_UNAVAILABLE' });
}

describe('VenueBreaker', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-05T10:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('opens after the threshold of consecutive venue failures, with the time to half-open', async () => {
    const breaker = new VenueBreaker('binance', { threshold: 3, cooldownMs: 30_000 });
    await failTimes(breaker, 2);
    expect(breaker.state).toBe('closed');
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('open');

    vi.advanceTimersByTime(10_000);
    const call = vi.fn(up);
    const error = await breaker.execute(call).catch((e: unknown) => e);
    expect(call).not.toHaveBeenCalled();
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'CIRCUIT_OPEN', retryAfterMs: 20_000 });
    expect((error as AppError).message).toMatch(/Binance failed 3 times in a row.*tries again in 20 s/);
    expect(() => breaker.check()).toThrow(/Binance/);
  });

  it('a success in between resets the count', async () => {
    const breaker = new VenueBreaker('gate', { threshold: 2, cooldownMs: 1_000 });
    await failTimes(breaker, 1);
    await breaker.execute(up);
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('closed');
  });

  it('does not count errors that say nothing about the venue health', async () => {
    const breaker = new VenueBreaker('binance', { threshold: 1, cooldownMs: 1_000 });
    for (const code of ['ORDER_REJECTED', 'AUTH_FAILED', 'RATE_LIMITED', 'BANNED', 'INVALID_REQUEST'] as const) {
      await expect(breaker.execute(() => Promise.reject(new AppError(code, code)))).rejects.toMatchObject({ code });
    }
    expect(breaker.state).toBe('closed');
  });

  it('half-opens after the cool-down and closes on a successful trial call', async () => {
    const breaker = new VenueBreaker('binance', { threshold: 1, cooldownMs: 30_000 });
    const seen: BreakerState[] = [];
    breaker.onChange((state) => seen.push(state));
    await failTimes(breaker, 1);
    vi.advanceTimersByTime(29_999);
    expect(breaker.state).toBe('open');
    vi.advanceTimersByTime(1);
    expect(breaker.state).toBe('half-open');
    expect(breaker.retryAfterMs()).toBe(0);
    await expect(breaker.execute(up)).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
    expect(breaker.retryAfterMs()).toBeUndefined();
    expect(seen).toEqual(['open', 'half-open', 'closed']);
  });

  it('re-opens for a full cool-down when the trial call fails', async () => {
    const breaker = new VenueBreaker('mexc', { threshold: 2, cooldownMs: 5_000 });
    await failTimes(breaker, 2);
    vi.advanceTimersByTime(5_000);
    await failTimes(breaker, 1);
    expect(breaker.state).toBe('open');
    expect(breaker.retryAfterMs()).toBe(5_000);
  });
});
