import { describe, expect, it } from 'vitest';
import type { PublicTrade } from '../../src-shared';
import { FrameBatcher, newestWins } from './frame-batcher';
import { TradeBatcher } from './trade-batcher';
import { ManualClock } from '../resilience/testing/manual-clock';

const trade = (id: number): PublicTrade => ({ id: String(id), price: 100 + id, amount: 1, side: 'buy', timestamp: id });

function setup(max = 200) {
  const clock = new ManualClock(1_000);
  const pushes: PublicTrade[][] = [];
  const batcher = new TradeBatcher((trades) => pushes.push(trades), max, 16, clock);
  return { batcher, pushes, advance: (ms: number) => clock.advanceNow(ms), pending: () => clock.pending };
}

describe('TradeBatcher', () => {
  it('pushes a quiet tape\'s first trades at once, then appends everything inside the frame into one push', () => {
    const { batcher, pushes, advance } = setup();
    batcher.offer([trade(1)]);
    expect(pushes).toEqual([[trade(1)]]);
    batcher.offer([trade(2)]);
    batcher.offer([trade(3), trade(4)]);
    expect(pushes).toHaveLength(1);
    advance(16);
    expect(pushes).toEqual([[trade(1)], [trade(2), trade(3), trade(4)]]);
  });

  it('keeps the newest trades of a burst beyond its cap, in order', () => {
    const { batcher, pushes, advance } = setup(3);
    batcher.offer([trade(1)]);
    batcher.offer([trade(2), trade(3), trade(4), trade(5)]);
    advance(16);
    expect(pushes[1]!.map((t) => t.id)).toEqual(['3', '4', '5']);
  });

  it('flushes pending trades before a status change, and pushes nothing after close', () => {
    const { batcher, pushes, advance, pending } = setup();
    batcher.offer([trade(1)]);
    batcher.offer([trade(2)]);
    batcher.flush();
    expect(pushes).toEqual([[trade(1)], [trade(2)]]);
    batcher.offer([trade(3)]);
    batcher.close();
    advance(100);
    expect(pushes).toHaveLength(2);
    expect(pending()).toBe(0);
  });
});

describe('FrameBatcher with newestWins (tickers)', () => {
  it('pushes a quiet stream\'s value at once, then only the newest of a frame', () => {
    const clock = new ManualClock(1_000);
    const advance = (ms: number) => clock.advanceNow(ms);
    const pushes: number[] = [];
    const batcher = new FrameBatcher<number>(newestWins, (value) => pushes.push(value), 16, clock);
    batcher.offer(1);
    batcher.offer(2);
    batcher.offer(3);
    expect(pushes).toEqual([1]);
    advance(16);
    expect(pushes).toEqual([1, 3]);
    advance(16);
    expect(pushes).toEqual([1, 3]); // nothing pending, nothing pushed
    batcher.close();
    batcher.offer(4);
    advance(16);
    expect(pushes).toEqual([1, 3]);
  });
});
