import { describe, expect, it } from 'vitest';
import type { PublicTrade } from '../../../src-shared';
import { addToTape } from './tape-rows';

const trade = (id: number): PublicTrade => ({ id: String(id), price: 100 + id, amount: 1, timestamp: id * 1000 });
const ids = (rows: PublicTrade[]) => rows.map((t) => t.id);

describe('addToTape', () => {
  it('puts the newest trade on top', () => {
    const rows = addToTape(addToTape([], [trade(1), trade(2)]), [trade(3)]);
    expect(ids(rows)).toEqual(['3', '2', '1']);
  });

  it('keeps at most the newest `max` rows, even from one big batch', () => {
    expect(ids(addToTape([trade(1)], [trade(2), trade(3), trade(4)], 3))).toEqual(['4', '3', '2']);
    expect(ids(addToTape([], [trade(1), trade(2), trade(3), trade(4), trade(5)], 2))).toEqual(['5', '4']);
  });
});
