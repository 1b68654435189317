// Whatever partial or garbled object ccxt hands over, normalization yields values the shared zod schemas accept
// (no NaN, no undefined in a required field) or refuses with an AppError; optional fields the venue left out are
// absent, not present-and-undefined.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, Balance, Candle, Market, Order, Ticker, Trade } from '../../../src-shared';
import {
  decimalsOfTick,
  normalizeBalances,
  normalizeCandles,
  normalizeMarket,
  normalizeOrder,
  normalizeStatus,
  normalizeTicker,
  normalizeTrades,
  PRECISION_MODE,
} from './normalize';

/** What a ccxt field can hold in practice: numbers, numeric strings, junk, nothing. */
const anyNum = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.constant(Number.NaN),
  fc.constant(Number.POSITIVE_INFINITY),
  fc.double(),
  fc.double({ min: 0.000001, max: 1e7, noNaN: true }),
  fc.double({ min: 0.000001, max: 1e7, noNaN: true }).map(String),
  fc.string(),
);
const anyText = fc.oneof(fc.constant(undefined), fc.constant(''), fc.string(), fc.constantFrom('BTC/USDT', 'buy', 'sell', 'ab12'));
const partial = <T extends Record<string, fc.Arbitrary<unknown>>>(shape: T) => fc.record(shape, { requiredKeys: [] });

const ccxtOrder = partial({
  id: anyText,
  clientOrderId: anyText,
  symbol: fc.oneof(anyText, fc.constant('ETH/USDT')),
  side: fc.oneof(anyText, fc.constantFrom('buy', 'sell')),
  type: fc.oneof(anyText, fc.constantFrom('limit', 'market', 'stop_loss_limit')),
  status: fc.oneof(anyText, fc.constantFrom('open', 'closed', 'canceled', 'expired', 'rejected')),
  price: anyNum,
  average: anyNum,
  amount: anyNum,
  filled: anyNum,
  triggerPrice: anyNum,
  stopPrice: anyNum,
  timestamp: anyNum,
  lastUpdateTimestamp: anyNum,
  lastTradeTimestamp: anyNum,
});

const hasNoUndefinedValues = (value: object) => Object.values(value).every((v) => v !== undefined);

describe('normalization never leaks NaN or undefined', () => {
  it('orders: with what we sent as context, always a valid Order', () => {
    const request = { venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 1, price: 100 } as const;
    fc.assert(
      fc.property(ccxtOrder, (o) => {
        const order = normalizeOrder(o as never, { venue: 'binance', mode: 'live', now: 1_700_000_000_000, clientOrderId: 'c-1', request });
        Order.parse(order);
        expect(hasNoUndefinedValues(order)).toBe(true);
      }),
    );
  });

  it('orders: without context, a valid Order or an AppError naming what is missing', () => {
    fc.assert(
      fc.property(ccxtOrder, (o) => {
        try {
          Order.parse(normalizeOrder(o as never, { venue: 'gate', mode: 'live', now: 1 }));
        } catch (error) {
          expect(error).toBeInstanceOf(AppError);
          expect((error as AppError).code).toBe('INTERNAL');
        }
      }),
    );
  });

  it('tickers: a valid Ticker or VENUE_UNAVAILABLE when there is no price at all', () => {
    const ticker = partial({ last: anyNum, close: anyNum, bid: anyNum, ask: anyNum, percentage: anyNum, timestamp: anyNum });
    fc.assert(
      fc.property(ticker, (t) => {
        try {
          const out = normalizeTicker('mexc', 'BTC/USDT', t as never, 1_700_000_000_000);
          Ticker.parse(out);
          expect(hasNoUndefinedValues(out)).toBe(true);
        } catch (error) {
          expect((error as AppError).code).toBe('VENUE_UNAVAILABLE');
        }
      }),
    );
  });

  it('candles, balances, trades and markets: only valid records come out', () => {
    const row = fc.array(anyNum, { maxLength: 7 });
    fc.assert(fc.property(fc.array(fc.oneof(row, fc.constant(undefined))), (rows) => {
      for (const c of normalizeCandles(rows as never)) Candle.parse(c);
    }));
    // Found by the property below: free + used of two huge numbers overflows to Infinity.
    expect(normalizeBalances('binance', { BTC: { free: 1.7e293, used: 1.7976931348623141e308 } } as never)).toEqual([]);
    const entry = fc.oneof(fc.constant(null), anyNum, partial({ free: anyNum, used: anyNum, total: anyNum }));
    fc.assert(fc.property(fc.dictionary(fc.string({ minLength: 1 }), entry), (balances) => {
      for (const b of normalizeBalances('binance', balances as never)) Balance.parse(b);
    }));
    const trade = partial({ id: anyText, symbol: anyText, side: anyText, price: anyNum, amount: anyNum, timestamp: anyNum, fee: partial({ cost: anyNum, currency: anyText }) });
    fc.assert(fc.property(fc.array(trade), (trades) => {
      for (const t of normalizeTrades(trades as never, 'gate', 'live')) Trade.parse(t);
    }));
    const market = partial({
      symbol: anyText, base: anyText, quote: anyText, active: fc.oneof(fc.boolean(), fc.constant(undefined)),
      precision: partial({ price: anyNum, amount: anyNum }),
      limits: partial({ amount: partial({ min: anyNum }), cost: partial({ min: anyNum }) }),
    });
    fc.assert(fc.property(market, fc.constantFrom(2, 3, 4), (m, mode) => {
      const out = normalizeMarket('binance', m as never, mode);
      if (out) Market.parse(out);
    }));
  });
});

describe('normalization details', () => {
  it('keeps absent optional fields absent', () => {
    const ticker = normalizeTicker('binance', 'BTC/USDT', { last: 10 }, 5);
    expect(ticker).toEqual({ venue: 'binance', symbol: 'BTC/USDT', last: 10, timestamp: 5 });
    expect('bid' in ticker).toBe(false);
    const order = normalizeOrder({ id: '1', clientOrderId: 'c', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: 2, status: 'open' }, { venue: 'binance', mode: 'live', now: 9 });
    expect(Object.keys(order).sort()).toEqual(['amount', 'clientOrderId', 'createdAt', 'exchangeOrderId', 'filled', 'mode', 'side', 'status', 'symbol', 'type', 'updatedAt', 'venue']);
  });

  it('falls back to a mid price, then refuses a ticker without any price', () => {
    expect(normalizeTicker('binance', 'BTC/USDT', { bid: 9, ask: 11 }, 1).last).toBe(10);
    expect(() => normalizeTicker('binance', 'BTC/USDT', { last: 0 }, 1)).toThrow(AppError);
  });

  it('maps ccxt statuses to ours', () => {
    expect(normalizeStatus('open', 0)).toBe('open');
    expect(normalizeStatus('open', 0.5)).toBe('partially-filled');
    expect(normalizeStatus('closed', 1)).toBe('filled');
    expect(normalizeStatus('canceled', 0)).toBe('cancelled');
    expect(normalizeStatus('expired', 0)).toBe('cancelled');
    expect(normalizeStatus('rejected', 0)).toBe('rejected');
    expect(normalizeStatus(undefined, 0)).toBe('unknown');
  });

  it('reads precision as decimal places from ticks or places; not from significant digits', () => {
    expect([0.01, 0.5, 1e-8, 10, 0.00025].map(decimalsOfTick)).toEqual([2, 1, 8, 0, 5]);
    const m = { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', precision: { price: 2, amount: 6 } };
    expect(normalizeMarket('gate', m as never, PRECISION_MODE.DECIMAL_PLACES)).toMatchObject({ pricePrecision: 2, amountPrecision: 6 });
    expect(normalizeMarket('gate', m as never, PRECISION_MODE.SIGNIFICANT_DIGITS)).toBeUndefined();
    expect(normalizeMarket('gate', { ...m, symbol: 'BTC/USDT:USDT' } as never, PRECISION_MODE.DECIMAL_PLACES)).toBeUndefined();
  });

  it('an order with the venue\'s id but no status is pending (the venue has it), without an id unknown', () => {
    const ctx = { venue: 'mexc', mode: 'live', now: 1, clientOrderId: 'c', symbol: 'BTC/USDT' } as const;
    const terms = { symbol: 'BTC/USDT', side: 'buy', type: 'limit', price: 50_000, amount: 0.001 } as const;
    expect(normalizeOrder({ ...terms, id: 'C02__1' }, ctx)).toMatchObject({ status: 'pending', exchangeOrderId: 'C02__1' });
    expect(normalizeOrder(terms, ctx).status).toBe('unknown');
    expect(normalizeOrder({ ...terms, id: 'C02__1', status: 'weird' } as never, ctx).status).toBe('unknown');
  });

  it('names a stop-limit from its trigger price and keeps it', () => {
    const order = normalizeOrder({ id: '1', clientOrderId: 'c', symbol: 'BTC/USDT', side: 'sell', type: 'stop_loss_limit', price: 90, triggerPrice: 95, amount: 1, status: 'open' }, { venue: 'binance', mode: 'live', now: 1 });
    expect(order).toMatchObject({ type: 'stop-limit', price: 90, stopPrice: 95 });
  });
});
