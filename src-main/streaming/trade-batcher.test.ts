import { describe, expect, it } from 'vitest';
import type { PublicTrade } from '../../src-shared';
import { TradeBatcher } from './trade-batcher';
import { manualClock } from './testing/manual-clock';

const trade = (id: number): PublicTrade => ({ id: String(id), price: 100 + id, amount: 1, side: 'buy', timestamp: id });

function setup(max = 200) {
  const { clock, advance, pending } = manualClock();
  const pushes: PublicTrade[][] = [];
  const batcher = new TradeBatcher((trades) => pushes.push(trades), max, 16, clock);
  return { batcher, pushes, advance, pending };
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
