import { describe, expect, it } from 'vitest';
import type { Candle } from '../../src-shared';
import { FrameCoalescer, type CoalescedCandle } from './coalescer';
import { ManualClock } from '../resilience/testing/manual-clock';

const bar = (time: number, close: number): Candle => ({ time, open: 100, high: Math.max(100, close), low: Math.min(100, close), close, volume: 1 });
const update = (time: number, close: number) => ({ candle: bar(time, close) });

function setup() {
  const clock = new ManualClock(1_000);
  const pushes: CoalescedCandle[] = [];
  const coalescer = new FrameCoalescer((u) => pushes.push(u), 16, clock);
  return { coalescer, pushes, advance: (ms: number) => clock.advanceNow(ms), pending: () => clock.pending };
}

describe('FrameCoalescer', () => {
  it('pushes the first update of a quiet stream at once (leading edge)', () => {
    const { coalescer, pushes, pending } = setup();
    coalescer.offer(update(60_000, 101));
    expect(pushes).toHaveLength(1);
    expect(pushes[0]!.candle.close).toBe(101);
    expect(pending()).toBe(0);
  });

  it('merges N updates inside a frame into one push carrying the last value', () => {
    const { coalescer, pushes, advance } = setup();
    coalescer.offer(update(60_000, 100)); // leading edge
    for (let i = 1; i <= 50; i++) coalescer.offer(update(60_000, 100 + i));
    expect(pushes).toHaveLength(1);
    advance(16);
    expect(pushes).toHaveLength(2);
    expect(pushes[1]!.candle.close).toBe(150);
    expect(pushes[1]!.closed).toEqual([]);
  });

  it('keeps the final state of a bar that closed inside the frame', () => {
    const { coalescer, pushes, advance } = setup();
    coalescer.offer(update(60_000, 100));
    coalescer.offer(update(60_000, 104)); // the bar's last trade
    coalescer.offer(update(120_000, 103)); // the next bar opens in the same frame
    coalescer.offer(update(120_000, 105));
    advance(16);
    expect(pushes).toHaveLength(2);
    expect(pushes[1]!.closed).toEqual([bar(60_000, 104)]);
    expect(pushes[1]!.candle).toEqual(bar(120_000, 105));
  });

  it('never pushes more than once per frame however busy the feed', () => {
    const { coalescer, pushes, advance } = setup();
    // 2,000 updates over one second: one every half millisecond.
    for (let i = 0; i < 2_000; i++) {
      coalescer.offer(update(60_000, 100 + i / 100));
      advance(0.5);
    }
    advance(16);
    expect(pushes.length).toBeLessThanOrEqual(Math.ceil(1_000 / 16) + 1);
    expect(pushes.length).toBeGreaterThan(50);
    expect(pushes.at(-1)!.candle.close).toBe(100 + 1_999 / 100);
  });

  it('flush() sends what is pending now, and close() drops the rest', () => {
    const { coalescer, pushes, advance, pending } = setup();
    coalescer.offer(update(60_000, 100));
    coalescer.offer(update(60_000, 101));
    coalescer.flush();
    expect(pushes.map((p) => p.candle.close)).toEqual([100, 101]);
    expect(pending()).toBe(0);
    advance(1);
    coalescer.offer(update(60_000, 102));
    coalescer.close();
    advance(32);
    coalescer.offer(update(60_000, 103));
    expect(pushes.map((p) => p.candle.close)).toEqual([100, 101]);
  });

  it('ignores an update for an older bar than the one pending', () => {
    const { coalescer, pushes, advance } = setup();
    coalescer.offer(update(120_000, 100));
    coalescer.offer(update(120_000, 101));
    coalescer.offer(update(60_000, 99));
    advance(16);
    expect(pushes.at(-1)!.candle).toEqual(bar(120_000, 101));
    expect(pushes.at(-1)!.closed).toEqual([]);
  });
});
