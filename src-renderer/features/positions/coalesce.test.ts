import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deferred } from '../../testing/fixtures';
import { coalesce } from './coalesce';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('coalesce', () => {
  it('makes one run of a burst of requests, after the wait', async () => {
    let runs = 0;
    const refresh = coalesce(async () => void runs++, 100);
    for (let i = 0; i < 50; i++) refresh.request();
    await vi.advanceTimersByTimeAsync(99);
    expect(runs).toBe(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(runs).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs).toBe(1);
  });

  it('never runs twice at once: requests during a run make exactly one more afterwards', async () => {
    const answers = [deferred<void>(), deferred<void>()];
    let started = 0;
    let inFlight = 0;
    let most = 0;
    const refresh = coalesce(async () => {
      inFlight++;
      most = Math.max(most, inFlight);
      await answers[started++]!.promise;
      inFlight--;
    }, 10);
    refresh.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(started).toBe(1);
    for (let i = 0; i < 20; i++) refresh.request();
    await vi.advanceTimersByTimeAsync(100);
    expect(started).toBe(1);
    answers[0]!.resolve();
    await vi.advanceTimersByTimeAsync(10);
    expect(started).toBe(2);
    answers[1]!.resolve();
    await vi.advanceTimersByTimeAsync(100);
    expect(started).toBe(2);
    expect(most).toBe(1);
  });

  it('keeps going after a failed run, and cancel drops what was waiting', async () => {
    let runs = 0;
    const refresh = coalesce(async () => {
      runs++;
      throw new Error('not answering');
    }, 10);
    refresh.request();
    await vi.advanceTimersByTimeAsync(10);
    refresh.request();
    await vi.advanceTimersByTimeAsync(10);
    expect(runs).toBe(2);
    refresh.request();
    refresh.cancel();
    await vi.advanceTimersByTimeAsync(100);
    expect(runs).toBe(2);
  });
});
