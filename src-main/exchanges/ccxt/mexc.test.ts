// The MEXC adapter through real, unmodified ccxt against the fake MEXC on 127.0.0.1: markets, prices, candles,
// balances and orders come out of ccxt's own parsing of MEXC's spot v3 wire format, signed with MEXC's scheme.
// The behaviour every venue shares is in testing/venue-contract.ts; this file adds what is MEXC's own. ccxt's own
// throttle stays on, as in the app: without it the balance checks would exceed MEXC's 2 calls/s on
// GET /api/v3/account, and the fake, like MEXC, would answer 429 and then ban.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Market, Ticker } from '../../../src-shared';
import { MEXC_UNDER_TEST } from '../../../fakes/mexc/under-test';
import { describeVenueContract, withVenue } from '../../../fakes/venue-kit/venue-contract';
import { isMexcClientOrderId } from './mexc';

withVenue(MEXC_UNDER_TEST, (ctx) => {
  describeVenueContract(MEXC_UNDER_TEST, ctx);

  describe('MEXC market data', () => {
    it('lists spot markets with the precision and minimums of exchangeInfo (and nothing from the empty futures list)', async () => {
      const { fake, adapter } = ctx();
      const markets = await adapter.markets();
      for (const m of markets) Market.parse(m);
      expect(markets).toEqual([
        { venue: 'mexc', symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, amountPrecision: 6, minAmount: 0.00001, minNotional: 1, active: true },
        { venue: 'mexc', symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', pricePrecision: 2, amountPrecision: 5, minAmount: 0.0001, minNotional: 1, active: true },
      ]);
      expect(fake.log.count({ path: '/api/v1/contract/detail' })).toBe(1);
      expect(fake.log.count({ path: '/api/v3/capital/config/getall' })).toBe(0);
    });

    it('reads a ticker; MEXC\'s fractional priceChangePercent comes out in percent', async () => {
      const { fake, adapter } = ctx();
      fake.setPrice('BTCUSDT', 61_200);
      const ticker = Ticker.parse(await adapter.ticker('BTC/USDT'));
      expect(ticker).toMatchObject({ venue: 'mexc', symbol: 'BTC/USDT', last: 61_200, bid: 61_199.99, ask: 61_200.01 });
      expect(ticker.change24hPct).toBeCloseTo(2, 9);
      fake.setPrice('BTCUSDT', 60_000);
    });
  });

  describe('MEXC orders', () => {
    it('order ids are MEXC strings (C02__…) and the cancel answer\'s new client id does not replace ours', async () => {
      const { adapter } = ctx();
      const clientOrderId = adapter.newClientOrderId();
      const created = await adapter.createOrder({ venue: 'mexc', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, price: 50_000 }, clientOrderId);
      expect(created.exchangeOrderId).toMatch(/^C02__\d+$/);
      const cancelled = await adapter.cancelOrder('BTC/USDT', created.exchangeOrderId!);
      expect(cancelled).toMatchObject({ clientOrderId, status: 'cancelled' });
    });

    it('an unknown client id is MEXC\'s -2013 on the wire and undefined to the caller', async () => {
      const { fake, adapter } = ctx();
      const before = fake.log.count({ path: '/api/v3/order', method: 'GET', status: 400 });
      expect(await adapter.fetchOrderByClientId('BTC/USDT', adapter.newClientOrderId())).toBeUndefined();
      expect(fake.log.count({ path: '/api/v3/order', method: 'GET', status: 400 })).toBe(before + 1);
    });
  });

  describe('MEXC client order ids', () => {
    it('are at most 32 letters, digits, _ or -, and distinct (property, 2000 ids)', () => {
      const { adapter } = ctx();
      const seen = new Set<string>();
      fc.assert(
        fc.property(fc.nat(), () => {
          const id = adapter.newClientOrderId();
          expect(isMexcClientOrderId(id)).toBe(true);
          expect(id.length).toBeLessThanOrEqual(32);
          expect(seen.has(id)).toBe(false);
          seen.add(id);
        }),
        { numRuns: 2000 },
      );
    });

    it('the format check refuses anything outside that alphabet or length', () => {
      fc.assert(
        fc.property(fc.string({ maxLength: 40 }), (id) => {
          expect(isMexcClientOrderId(id)).toBe(id.length >= 1 && id.length <= 32 && /^[A-Za-z0-9_-]+$/.test(id));
        }),
        { numRuns: 1000 },
      );
    });

    it('generated ids reach MEXC as newClientOrderId unchanged and come back on the order', async () => {
      const { fake, adapter } = ctx();
      for (let i = 0; i < 5; i += 1) {
        const id = adapter.newClientOrderId();
        const created = await adapter.createOrder({ venue: 'mexc', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.0001, price: 40_000 }, id);
        expect(fake.engine.orders.at(-1)?.clientOrderId).toBe(id);
        expect(await adapter.fetchOrder('BTC/USDT', created.exchangeOrderId!)).toMatchObject({ clientOrderId: id });
        await adapter.cancelOrder('BTC/USDT', created.exchangeOrderId!);
      }
    });
  });
});
