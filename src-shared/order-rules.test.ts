import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Market } from './domain';
import { checkOrder, decimalPlaces, describeOrderIssues, orderNotional, type OrderDraft } from './order-rules';

const btc: Market = {
  venue: 'demo',
  symbol: 'BTC/USDT',
  base: 'BTC',
  quote: 'USDT',
  pricePrecision: 2,
  amountPrecision: 5,
  minAmount: 0.0001,
  minNotional: 10,
  active: true,
};

const limitBuy = (amount: number, price: number): OrderDraft => ({ side: 'buy', type: 'limit', amount, price });
const messages = (draft: OrderDraft, reference?: number) => checkOrder(draft, btc, reference).map((i) => `${i.field}: ${i.message}`);

describe('decimalPlaces', () => {
  it.each([
    [1, 0],
    [0.1, 1],
    [0.00012, 5],
    [1e-7, 7],
    [1.5e-7, 8],
    [123456.789, 3],
    [1e21, 0],
  ])('%s has %i decimals', (value, places) => expect(decimalPlaces(value)).toBe(places));

  it('counts exactly the decimals of any number written with up to 8 of them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10 ** 9 }), fc.integer({ min: 0, max: 8 }), (units, places) => {
        const value = Number((units / 10 ** places).toFixed(places));
        expect(decimalPlaces(value)).toBeLessThanOrEqual(places);
        expect(Number(value.toFixed(decimalPlaces(value)))).toBe(value);
      }),
    );
  });
});

describe('checkOrder', () => {
  it('accepts an order that fits the market', () => {
    expect(checkOrder(limitBuy(0.01, 60_000.5), btc)).toEqual([]);
  });

  it('names the amount step when the amount has too many decimals', () => {
    expect(messages(limitBuy(0.000015, 60_000))).toContain('amount: amount moves in steps of 0.00001 BTC');
  });

  it('names the price step when the price has too many decimals', () => {
    expect(messages(limitBuy(0.01, 60_000.123))).toEqual(['price: price moves in steps of 0.01 USDT']);
  });

  it('refuses below the minimum amount and below the minimum notional, with the figures', () => {
    expect(messages(limitBuy(0.00005, 60_000))).toEqual([
      'amount: the minimum amount is 0.0001 BTC',
      'amount: the order is worth 3.00 USDT; the minimum is 10 USDT',
    ]);
  });

  it('checks a market order against the minimum notional at the reference price, and skips it without one', () => {
    const market: OrderDraft = { side: 'sell', type: 'market', amount: 0.0001 };
    expect(messages(market, 50_000)).toEqual(['amount: the order is worth 5.00 USDT; the minimum is 10 USDT']);
    expect(messages(market)).toEqual([]);
    expect(orderNotional(market, 50_000)).toBe(5);
  });

  it('refuses a zero, negative or non-finite amount', () => {
    for (const amount of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(messages(limitBuy(amount, 60_000))).toContain('amount: enter an amount above zero');
    }
  });

  it('never shows a notional just under the minimum as meeting it', () => {
    // 0.00016 × 62,499.99 = 9.9999984: rounding to 10.00 would read as meeting the minimum.
    expect(messages(limitBuy(0.00016, 62_499.99))).toEqual([
      'amount: the order is worth 9.99 USDT; the minimum is 10 USDT',
    ]);
  });

  it('asks a limit order for a price', () => {
    expect(messages({ side: 'buy', type: 'limit', amount: 0.01 })).toEqual(['price: a limit order needs a price above zero']);
  });

  it('refuses a stop on the wrong side of the last price, where it would trigger at once', () => {
    const buyStop: OrderDraft = { side: 'buy', type: 'stop-limit', amount: 0.01, price: 61_000, stopPrice: 59_000 };
    const sellStop: OrderDraft = { side: 'sell', type: 'stop-limit', amount: 0.01, price: 59_000, stopPrice: 61_000 };
    expect(messages(buyStop, 60_000)).toEqual(['stopPrice: a buy stop must be above the last price 60000']);
    expect(messages(sellStop, 60_000)).toEqual(['stopPrice: a sell stop must be below the last price 60000']);
    expect(messages({ ...buyStop, stopPrice: 60_500 }, 60_000)).toEqual([]);
    expect(messages({ ...buyStop, stopPrice: undefined })).toEqual(['stopPrice: a stop-limit order needs a stop price above zero']);
  });

  it('says when the market is not trading', () => {
    expect(checkOrder(limitBuy(0.01, 60_000), { ...btc, active: false })).toEqual([
      { field: 'symbol', rule: 'notTrading', params: { symbol: 'BTC/USDT' }, message: 'BTC/USDT is not trading on this venue now' },
    ]);
  });

  it('joins every issue into one sentence', () => {
    expect(describeOrderIssues(checkOrder(limitBuy(0.00005, 60_000.001), btc))).toBe(
      'the minimum amount is 0.0001 BTC; price moves in steps of 0.01 USDT; the order is worth 3.00 USDT; the minimum is 10 USDT',
    );
  });
});
