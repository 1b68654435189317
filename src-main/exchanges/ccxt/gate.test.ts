// The Gate.io adapter through real, unmodified ccxt against the fake Gate on 127.0.0.1: markets, prices, candles,
// balances and orders come out of ccxt's own parsing of Gate API v4's wire format, signed with Gate's real scheme.
// The behaviour every venue shares is in testing/venue-contract.ts; this file adds what is Gate's own.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Market, Ticker, Trade } from '../../../src-shared';
import { GATE_UNDER_TEST } from '../../../fakes/gate/under-test';
import { describeVenueContract, withVenue } from '../../../fakes/venue-kit/venue-contract';
import { GATE_CLIENT_ORDER_ID_MAX_BYTES, isGateClientOrderId } from './gate';

withVenue(GATE_UNDER_TEST, (ctx) => {
  describeVenueContract(GATE_UNDER_TEST, ctx);

  describe('Gate market data', () => {
    it('lists spot markets with the precision and minimums of /spot/currency_pairs, without downloading currencies', async () => {
      const { fake, adapter } = ctx();
      const markets = await adapter.markets();
      for (const m of markets) Market.parse(m);
      expect(markets).toEqual([
        { venue: 'gate', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 1, amountPrecision: 6, minAmount: 0.00001, minNotional: 3, active: true },
        { venue: 'gate', symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', pricePrecision: 2, amountPrecision: 4, minAmount: 0.001, minNotional: 3, active: true },
      ]);
      expect(fake.log.count({ path: '/api/v4/spot/currencies' })).toBe(0);
    });

    it('reads a ticker with last, bid, ask and the 24 h change in percent', async () => {
      const { fake, adapter } = ctx();
      fake.setPrice('BTC_USDT', 61_200);
      const ticker = Ticker.parse(await adapter.ticker('BTC/USDT'));
      expect(ticker).toMatchObject({ venue: 'gate', symbol: 'BTC/USDT', last: 61_200, bid: 61_199.9, ask: 61_200.1, change24hPct: 2 });
      fake.setPrice('BTC_USDT', 60_000);
    });
  });

  describe('Gate orders', () => {
    it('lists open orders across all pairs (Gate groups them by pair)', async () => {
      const { adapter } = ctx();
      const id = adapter.newClientOrderId();
      const created = await adapter.createOrder({ venue: 'gate', symbol: 'ETH/USDT', side: 'buy', type: 'limit', amount: 0.01, price: 2_000 }, id);
      expect((await adapter.openOrders()).map((o) => o.clientOrderId)).toContain(id);
      await adapter.cancelOrder('ETH/USDT', created.exchangeOrderId!);
    });

    it('fills a market sell at the last price, books the trade and moves the balances', async () => {
      const { adapter } = ctx();
      const since = Date.now() - 1000;
      const before = await adapter.balance();
      const order = await adapter.createOrder({ venue: 'gate', symbol: 'ETH/USDT', side: 'sell', type: 'market', amount: 0.5 }, adapter.newClientOrderId());
      expect(order).toMatchObject({ status: 'filled', filled: 0.5, averagePrice: 3000, type: 'market' });
      const trades = await adapter.myTrades('ETH/USDT', since);
      for (const t of trades) Trade.parse(t);
      // Gate's `from` is in whole seconds, so the contract's market buy a moment ago may come back too: sells only.
      expect(trades.filter((t) => t.side === 'sell')).toEqual([expect.objectContaining({ side: 'sell', price: 3000, amount: 0.5, fee: 1.5, feeAsset: 'USDT' })]);
      const after = await adapter.balance();
      const total = (list: typeof after, asset: string) => list.find((b) => b.asset === asset)?.total ?? 0;
      expect(total(after, 'ETH')).toBeCloseTo(total(before, 'ETH') - 0.5, 8);
      expect(total(after, 'USDT')).toBeCloseTo(total(before, 'USDT') + 1500 - 1.5, 6);
    });

    it('a market buy is sized in USDT on Gate: the adapter prices it at the ask, ccxt sends amount × price, the fill comes back in BTC', async () => {
      const { fake, adapter } = ctx();
      const clientOrderId = adapter.newClientOrderId();
      const tickers = fake.log.count({ path: '/api/v4/spot/tickers' });
      const order = await adapter.createOrder({ venue: 'gate', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 }, clientOrderId);
      expect(order).toMatchObject({ clientOrderId, status: 'filled', type: 'market', amount: 0.01, filled: 0.01, averagePrice: 60_000 });
      expect(fake.log.count({ path: '/api/v4/spot/tickers' })).toBe(tickers + 1);
      // The cost Gate received is 0.01 × the ask (60 000.1): enough for 0.01 BTC at the last price of 60 000.
      expect(fake.engine.orders.at(-1)).toMatchObject({ clientOrderId, type: 'MARKET', origQty: 0.01, executedQty: 0.01 });
      expect(await adapter.fetchOrderByClientId('BTC/USDT', clientOrderId)).toMatchObject({ status: 'filled', amount: 0.01, filled: 0.01, averagePrice: 60_000 });
    });

    it('a market sell needs no price: no ticker is read', async () => {
      const { fake, adapter } = ctx();
      const tickers = fake.log.count({ path: '/api/v4/spot/tickers' });
      await adapter.createOrder({ venue: 'gate', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: 0.001 }, adapter.newClientOrderId());
      expect(fake.log.count({ path: '/api/v4/spot/tickers' })).toBe(tickers);
    });

    it('when the price cannot be read, the market buy is not sent', async () => {
      const { fake, adapter } = ctx();
      const creates = fake.log.count({ method: 'POST', path: '/api/v4/spot/orders' });
      fake.faults.inject({ kind: '5xx', path: '/api/v4/spot/tickers' });
      const request = { venue: 'gate', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 } as const;
      await expect(adapter.createOrder(request, adapter.newClientOrderId())).rejects.toMatchObject({ code: 'VENUE_UNAVAILABLE' });
      expect(fake.log.count({ method: 'POST', path: '/api/v4/spot/orders' })).toBe(creates);
    });
  });

  describe('Gate client order ids', () => {
    it('are t- prefixed, at most 28 bytes, in Gate\'s alphabet, and distinct (property, 2000 ids)', () => {
      const { adapter } = ctx();
      const seen = new Set<string>();
      fc.assert(
        fc.property(fc.nat(), () => {
          const id = adapter.newClientOrderId();
          expect(id.startsWith('t-')).toBe(true);
          expect(Buffer.byteLength(id)).toBeLessThanOrEqual(GATE_CLIENT_ORDER_ID_MAX_BYTES);
          expect(isGateClientOrderId(id)).toBe(true);
          expect(seen.has(id)).toBe(false);
          seen.add(id);
        }),
        { numRuns: 2000 },
      );
    });

    it('the format check refuses what Gate or ccxt would refuse', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), (tail) => {
          const id = `t-${tail}`;
          const expected = tail.length >= 1 && Buffer.byteLength(id) <= 28 && /^[0-9A-Za-z_.-]+$/.test(tail);
          expect(isGateClientOrderId(id)).toBe(expected);
        }),
        { numRuns: 1000 },
      );
      expect(isGateClientOrderId('abc-no-prefix')).toBe(false);
      expect(isGateClientOrderId(`t-${'a'.repeat(27)}`)).toBe(false);
    });

    it('generated ids go through ccxt to Gate unchanged and come back on the order', async () => {
      const { fake, adapter } = ctx();
      for (let i = 0; i < 5; i += 1) {
        const id = adapter.newClientOrderId();
        const created = await adapter.createOrder({ venue: 'gate', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.0001, price: 40_000 }, id);
        expect(created.clientOrderId).toBe(id);
        expect(fake.engine.orders.at(-1)?.clientOrderId).toBe(id);
        await adapter.cancelOrder('BTC/USDT', created.exchangeOrderId!);
      }
    });
  });
});
