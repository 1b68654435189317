// The Binance adapter through real, unmodified ccxt against the fake Binance on 127.0.0.1: what a trader sees
// (markets, prices, candles, balances, orders) comes out of ccxt's real parsing of Binance's wire format.
// The behaviour every venue shares is in testing/venue-contract.ts; this file adds what is Binance's own.
import { describe, expect, it } from 'vitest';
import { Market, Ticker } from '../../../src-shared';
import { BINANCE_UNDER_TEST } from '../../../fakes/binance/under-test';
import { describeVenueContract, withVenue } from '../../../fakes/venue-kit/venue-contract';
import { BINANCE_CLIENT_ORDER_ID } from './binance';

withVenue(BINANCE_UNDER_TEST, (ctx) => {
  describeVenueContract(BINANCE_UNDER_TEST, ctx);

  describe('Binance market data', () => {
    it('lists spot markets with precision and minimums from the exchangeInfo filters', async () => {
      const markets = await ctx().adapter.markets();
      expect(markets.map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT']);
      for (const m of markets) Market.parse(m);
      expect(markets[0]).toEqual({
        venue: 'binance', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, amountPrecision: 5,
        minAmount: 0.00001, minNotional: 5, active: true,
      });
      expect(markets[1]).toMatchObject({ amountPrecision: 4, minAmount: 0.0001 });
    });

    it('loads exchangeInfo once however often markets are asked for', async () => {
      const { fake, adapter } = ctx();
      const before = fake.log.count({ path: '/api/v3/exchangeInfo' });
      await Promise.all([adapter.markets(), adapter.markets(), adapter.ticker('BTC/USDT')]);
      expect(fake.log.count({ path: '/api/v3/exchangeInfo' })).toBe(before);
    });

    it('reads a ticker with last, bid and ask', async () => {
      const ticker = Ticker.parse(await ctx().adapter.ticker('BTC/USDT'));
      expect(ticker).toMatchObject({ venue: 'binance', symbol: 'BTC/USDT', last: 60_000, bid: 59_999.99, ask: 60_000.01 });
    });

    it('pages one-minute candles backwards without overlap or gaps', async () => {
      const { adapter } = ctx();
      const newest = await adapter.candles('BTC/USDT', '1m', { limit: 50 });
      expect(newest).toHaveLength(50);
      const first = newest[0]!;
      const older = await adapter.candles('BTC/USDT', '1m', { limit: 50, before: first.time });
      expect(older).toHaveLength(50);
      expect(older.at(-1)!.time).toBe(first.time - 60_000);
      const times = [...older, ...newest].map((c) => c.time);
      expect(times.every((t, i) => i === 0 || t - times[i - 1]! === 60_000)).toBe(true);
    });
  });

  describe('Binance orders', () => {
    it('makes client order ids Binance accepts', () => {
      const { adapter } = ctx();
      const ids = new Set(Array.from({ length: 100 }, () => adapter.newClientOrderId()));
      expect(ids.size).toBe(100);
      for (const id of ids) expect(id).toMatch(BINANCE_CLIENT_ORDER_ID);
    });

    it('places a stop-limit that waits for its stop, then fills when the price crosses it', async () => {
      const { fake, adapter } = ctx();
      const clientOrderId = adapter.newClientOrderId();
      const request = { venue: 'binance', symbol: 'BTC/USDT', side: 'sell', type: 'stop-limit', amount: 0.01, price: 55_000, stopPrice: 55_500 } as const;
      const created = await adapter.createOrder(request, clientOrderId);
      expect(created).toMatchObject({ type: 'stop-limit', stopPrice: 55_500, price: 55_000, status: 'open' });
      expect(fake.orders().at(-1)).toMatchObject({ type: 'STOP_LOSS_LIMIT', stopPrice: 55_500 });
      fake.setPrice('BTCUSDT', 55_000);
      expect(await adapter.fetchOrder('BTC/USDT', created.exchangeOrderId!)).toMatchObject({ status: 'filled', filled: 0.01 });
      fake.setPrice('BTCUSDT', 60_000);
    });
  });
});
