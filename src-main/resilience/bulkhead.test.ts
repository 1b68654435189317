import { describe, expect, it } from 'vitest';
import { Bulkhead, BulkheadRejectedError } from './bulkhead';
import { ManualClock } from './testing/manual-clock';

/** A task that runs until the test releases it, counting how many run at once. */
function gate() {
  let running = 0;
  let peak = 0;
  const releases: Array<() => void> = [];
  const task = () =>
    new Promise<void>((resolve) => {
      running++;
      peak = Math.max(peak, running);
      releases.push(() => {
        running--;
        resolve();
      });
    });
  return { task, releases, stats: () => ({ running, peak }) };
}

describe('Bulkhead', () => {
  it('caps concurrency and runs queued calls in order as slots free up', async () => {
    const clock = new ManualClock();
    const bulkhead = new Bulkhead('exchange', { concurrency: 2, queue: 10, queueTimeoutMs: 1_000 }, clock);
    const { task, releases, stats } = gate();
    const order: number[] = [];
    const calls = [1, 2, 3, 4, 5].map((n) => bulkhead.execute(() => task().then(() => order.push(n))));
    await clock.advance(0);
    expect(stats().running).toBe(2);
    expect(bulkhead.snapshot()).toEqual({ resource: 'exchange', active: 2, queued: 3, concurrency: 2 });
    while (releases.length > 0) {
      releases.shift()?.();
      await clock.advance(0);
    }
    await Promise.all(calls);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(stats().peak).toBe(2);
    expect(bulkhead.snapshot()).toMatchObject({ active: 0, queued: 0 });
  });

  it('refuses at once when the queue is full', async () => {
    const bulkhead = new Bulkhead('notifications', { concurrency: 1, queue: 1, queueTimeoutMs: 1_000 }, new ManualClock());
    const { task } = gate();
    void bulkhead.execute(task);
    void bulkhead.execute(task);
    const error = await bulkhead.execute(task).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BulkheadRejectedError);
    expect(error).toMatchObject({ reason: 'queue-full', code: 'RATE_LIMITED', resource: 'notifications' });
  });

  it('times out a queued call with a typed error, without ever running it', async () => {
    const clock = new ManualClock();
    const bulkhead = new Bulkhead('market-data', { concurrency: 1, queue: 5, queueTimeoutMs: 1_000 }, clock);
    const { task, releases } = gate();
    void bulkhead.execute(task);
    let ran = false;
    const queued = bulkhead.execute(async () => {
      ran = true;
    });
    const outcome = queued.catch((e: unknown) => e);
    await clock.advance(999);
    expect(bulkhead.snapshot().queued).toBe(1);
    await clock.advance(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(BulkheadRejectedError);
    expect(error).toMatchObject({ reason: 'queue-timeout', code: 'TIMEOUT', resource: 'market-data' });
    expect((error as Error).message).toMatch(/was not sent/);
    releases.shift()?.();
    await clock.advance(0);
    expect(ran).toBe(false);
    expect(bulkhead.snapshot()).toMatchObject({ active: 0, queued: 0 });
  });

  it('frees the slot when a call fails', async () => {
    const bulkhead = new Bulkhead('exchange', { concurrency: 1, queue: 0, queueTimeoutMs: 1_000 }, new ManualClock());
    await expect(bulkhead.execute(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(bulkhead.execute(() => Promise.resolve(7))).resolves.toBe(7);
  });
});
