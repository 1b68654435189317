// Average-cost positions from fills, and the daily P&L restarting at the reset from the last price seen.
import { describe, expect, it } from 'vitest';
import type { Trade } from '../../src-shared';
import { PositionBook } from './position-book';

const DAY1 = Date.UTC(2026, 10, 2, 10, 0, 0);
let id = 0;
const trade = (side: Trade['side'], amount: number, price: number, timestamp = DAY1, extra: Partial<Trade> = {}): Trade => ({
  id: String(++id), venue: 'gate', mode: 'live', symbol: 'ETH/USDT', side, amount, price, timestamp, ...extra,
});
const only = (book: PositionBook, now: number) => book.positions(now, { mode: 'live' })[0]!;

describe('position book', () => {
  it('averages the cost of additions, realizes on reductions, and flips past zero at the fill price', () => {
    const book = new PositionBook(() => '00:00');
    book.applyTrade(trade('buy', 1, 3000));
    book.applyTrade(trade('buy', 1, 3100));
    expect(only(book, DAY1)).toMatchObject({ quantity: 2, averagePrice: 3050, realizedToday: 0 });
    book.applyTrade(trade('sell', 3, 3150, DAY1, { fee: 9.45, feeAsset: 'USDT' }));
    const flipped = only(book, DAY1);
    expect(flipped.quantity).toBeCloseTo(-1, 12);
    expect(flipped.averagePrice).toBe(3150);
    expect(flipped.realizedToday).toBeCloseTo(2 * 100 - 9.45, 9);
    // A fee in the base asset is not money lost in the quote: it leaves the P&L alone.
    book.applyTrade(trade('buy', 0.5, 3140, DAY1, { fee: 0.0005, feeAsset: 'ETH' }));
    expect(only(book, DAY1).realizedToday).toBeCloseTo(190.55 + 5, 9);
  });

  it('counts a fill once, however often it is reported', () => {
    const book = new PositionBook(() => '00:00');
    const fill = trade('buy', 1, 3000);
    book.applyTrade(fill);
    book.applyTrade({ ...fill });
    expect(only(book, DAY1).quantity).toBe(1);
  });

  it('starts the day again at the reset: realized from zero, open positions valued from the last price seen', () => {
    const book = new PositionBook(() => '08:00');
    book.applyTrade(trade('buy', 2, 3000));
    book.applyTrade(trade('sell', 1, 2900)); // realized −100 on the risk day that began at 08:00
    book.mark({ venue: 'gate', symbol: 'ETH/USDT', last: 2800, timestamp: DAY1 + 3_600_000 }, ['live']);
    expect(only(book, DAY1 + 3_600_000)).toMatchObject({ realizedToday: -100, unrealizedToday: -200 });
    // The next day after 08:00 UTC: yesterday's loss no longer counts; the open ETH is valued from 2,800.
    const nextDay = Date.UTC(2026, 10, 3, 8, 0, 0);
    book.mark({ venue: 'gate', symbol: 'ETH/USDT', last: 2750, timestamp: nextDay }, ['live']);
    expect(only(book, nextDay)).toMatchObject({ quantity: 1, averagePrice: 3000, realizedToday: 0, unrealizedToday: -50 });
    // Closing it realizes against that basis for the day's P&L.
    book.applyTrade(trade('sell', 1, 2700, nextDay + 60_000));
    expect(only(book, nextDay + 60_000)).toMatchObject({ quantity: 0, realizedToday: -100, unrealizedToday: 0 });
  });
});
