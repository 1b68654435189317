import { describe, expect, it } from 'vitest';
import type { Market } from '../../../src-shared';
import { assetDecimals, decimalsOf, describeOrder, describeOutcome, feeDecimals, formatTime } from './order-words';
import { order } from '../../testing/fixtures';

const markets: Market[] = [
  { venue: 'demo', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, amountPrecision: 5, active: true },
  { venue: 'demo', symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', pricePrecision: 3, amountPrecision: 2, active: true },
];
const btc = decimalsOf(markets, 'BTC/USDT');

describe('order words', () => {
  it('uses each market’s decimals, and enough for an unlisted one', () => {
    expect(decimalsOf(markets, 'SOL/USDT')).toEqual({ price: 3, amount: 2 });
    expect(decimalsOf(markets, 'XRP/USDT')).toEqual({ price: 8, amount: 8 });
    expect(assetDecimals(markets, 'BTC')).toBe(5);
    expect(assetDecimals(markets, 'USDT')).toBe(2);
    expect(assetDecimals(markets, 'DOGE')).toBe(8);
    // A 0.1 % fee on 0.002 BTC is 0.000002 BTC: it must not show as 0.00000.
    expect(feeDecimals(markets, 'BTC')).toBe(8);
    expect(feeDecimals(markets, 'USDT')).toBe(5);
  });

  it('describes orders with separators and fixed decimals', () => {
    expect(describeOrder(order({ amount: 0.01, price: 59_000 }), btc)).toMatch(/^Buy 0\.01000 BTC limit at 59,000\.00$/);
    expect(describeOrder(order({ type: 'market', side: 'sell', price: undefined }), btc)).toBe('Sell 0.01000 BTC at market');
    expect(describeOrder(order({ type: 'stop-limit', price: 61_000, stopPrice: 60_500.5 }), btc)).toBe(
      'Buy 0.01000 BTC stop-limit at 61,000.00, stop 60,500.50',
    );
  });

  it('says what happened, with the reason of a rejection and the check of an unknown order', () => {
    expect(describeOutcome(order({ status: 'filled', filled: 0.01, averagePrice: 60_012.345 }), btc)).toBe(
      'Filled: Buy 0.01000 BTC limit at 50,000.00 at an average of 60,012.35.',
    );
    expect(describeOutcome(order({ status: 'rejected', reason: 'Insufficient balance' }), btc)).toMatch(/^Rejected: .*Insufficient balance$/);
    expect(describeOutcome(order({ status: 'unknown' }), btc)).toMatch(/^Checking with the venue…/);
    expect(describeOutcome(order({ status: 'open' }), btc)).toBe('Placed: Buy 0.01000 BTC limit at 50,000.00. It is open.');
  });

  it('gives local time with the UTC time for the tooltip', () => {
    expect(formatTime(Date.UTC(2026, 0, 2, 3, 4, 5)).utc).toBe('2026-01-02 03:04:05 UTC');
  });
});
