import { describe, expect, it } from 'vitest';
import { holdingsValue } from './testing/holdings-value';
import { RateBook } from './rates';
import { valueHoldings } from './valuation';
import { priceSourceFor } from './views';

describe('rates and valuation in one currency', () => {
  it('reads an inverse pair upside down', () => {
    const book = new RateBook();
    book.update('binance', 'EUR/USDT', 1.08, 500);
    // 1 USDT = 1 / 1.08 EUR.
    const rate = book.rate('USDT', 'EUR')!;
    expect(rate.value).toBeCloseTo(1 / 1.08, 12);
    expect(rate.source).toBe('binance EUR/USDT inverted');
    expect(rate.at).toBe(500);
  });

  it('goes through USDT when there is no common pair, with the older leg as its age', () => {
    const book = new RateBook();
    book.update('binance', 'ETH/USDT', 2000, 700);
    book.update('gate', 'EUR/USDT', 1.08, 600);
    // ETH → USDT (2000) × USDT → EUR (1 / 1.08) = 1851.85…
    const rate = book.rate('ETH', 'EUR')!;
    expect(rate.value).toBeCloseTo(2000 / 1.08, 9);
    expect(rate.source).toBe('binance ETH/USDT × gate EUR/USDT inverted');
    expect(rate.at).toBe(600);
  });

  it('prefers the freshest venue, and never values real money with demo prices', () => {
    const book = new RateBook();
    book.update('binance', 'BTC/USDT', 100, 1);
    book.update('gate', 'BTC/USDT', 101, 2);
    book.update('demo', 'BTC/USDT', 5, 3);
    expect(book.rate('BTC', 'USDT', priceSourceFor('live'))!.value).toBe(101);
    expect(book.rate('BTC', 'USDT', priceSourceFor('demo'))!.value).toBe(5);
    expect(book.rate('ETH', 'USDT', priceSourceFor('live'))).toBeUndefined();
  });

  it('shows an asset without a rate as no price, never 0, and says how much is unpriced', () => {
    const book = new RateBook();
    book.update('binance', 'BTC/USDT', 60_000, 1);
    const valuation = valueHoldings(
      holdingsValue({ BTC: 0.5, USDT: 100, XYZ: 42 }),
      'USDT',
      (from, to) => book.rate(from, to),
    );
    // 0.5 × 60,000 + 100 = 30,100; XYZ has no pair anywhere.
    expect(valuation.total).toBe(30_100);
    expect(valuation.unpriced).toEqual([{ venue: 'binance', mode: 'live', asset: 'XYZ', amount: 42 }]);
    const xyz = valuation.holdings.find((h) => h.asset === 'XYZ')!;
    expect(xyz.value).toBeUndefined();
    expect(xyz.rate).toBeUndefined();
  });
});
