import { describe, expect, it } from 'vitest';
import { DeadlineQueue } from './deadline';
import { ManualClock } from './testing/manual-clock';

function controllable<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe('DeadlineQueue', () => {
  it('times out each late call at its own deadline and leaves answered ones alone', async () => {
    const clock = new ManualClock(0);
    const queue = new DeadlineQueue(100, clock);
    const outcomes: string[] = [];
    const start = (name: string) => {
      const call = controllable<string>();
      void queue.run(() => call.promise, () => new Error(`${name} timed out`)).then(
        (value) => outcomes.push(`${value}@${clock.now()}`),
        (error: Error) => outcomes.push(`${error.message}@${clock.now()}`),
      );
      return call;
    };
    const first = start('first');
    await clock.advance(10);
    const second = start('second');
    await clock.advance(10);
    start('third');
    await clock.advance(30);
    second.resolve('second answered');
    await clock.advance(100);
    // The late answer of a timed-out call is dropped.
    first.resolve('first answered late');
    await clock.advance(0);
    expect(outcomes).toEqual(['second answered@50', 'first timed out@100', 'third timed out@120']);
    expect(clock.pending).toBe(0);
  });

  it('passes errors through untouched', async () => {
    const queue = new DeadlineQueue(100, new ManualClock());
    await expect(queue.run(() => Promise.reject(new Error('venue said no')), () => new Error('timeout'))).rejects.toThrow('venue said no');
  });
});
