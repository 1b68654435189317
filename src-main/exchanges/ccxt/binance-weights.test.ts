// The rate-limit facts in binance.ts must match what each adapter call really costs: every operation runs through
// real ccxt against the fake, which charges Binance's documented weights and reports them in X-MBX-USED-WEIGHT-1M.
// A ccxt upgrade that adds a hidden request (as loadMarkets does without the profile's options) shows up here.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { EXCHANGE_OPERATIONS, type ExchangeOperation } from '../rate-limit-spec';
import { startFakeBinance, TEST_ACCOUNT, type FakeBinance } from '../../../fakes/binance';
import { BINANCE_RATE_LIMITS } from './binance';
import type { CcxtAdapter } from './ccxt-adapter';
import { createExchangeAdapter } from './factory';

let fake: FakeBinance;
let adapter: CcxtAdapter;
beforeAll(async () => {
  fake = await startFakeBinance({ weightIntervalMs: 3_600_000, alignWindows: 'first-request' });
  adapter = createExchangeAdapter('binance', TEST_ACCOUNT, { restBaseUrl: fake.url }) as CcxtAdapter;
});
afterAll(async () => {
  await adapter.close();
  await fake.close();
});

const used = () => Number(adapter.exchange.last_response_headers?.['X-Mbx-Used-Weight-1m'] ?? 0);

it('charges each operation exactly the weight the profile declares', async () => {
  let orderId = '';
  const clientOrderId = adapter.newClientOrderId();
  const calls: Record<ExchangeOperation, () => Promise<unknown>> = {
    markets: () => adapter.markets(),
    ticker: () => adapter.ticker('BTC/USDT'),
    candles: () => adapter.candles('BTC/USDT', '1m', { limit: 10 }),
    balance: () => adapter.balance(),
    createOrder: async () => {
      const order = await adapter.createOrder({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, price: 50_000 }, clientOrderId);
      orderId = order.exchangeOrderId!;
    },
    fetchOrder: () => adapter.fetchOrder('BTC/USDT', orderId),
    fetchOrderByClientId: () => adapter.fetchOrderByClientId('BTC/USDT', clientOrderId),
    openOrders: () => adapter.openOrders('BTC/USDT'),
    openOrdersAll: () => adapter.openOrders(),
    myTrades: () => adapter.myTrades('BTC/USDT'),
    cancelOrder: () => adapter.cancelOrder('BTC/USDT', orderId),
  };
  const measured: Partial<Record<ExchangeOperation, number>> = {};
  for (const op of EXCHANGE_OPERATIONS) {
    const before = used();
    await calls[op]();
    measured[op] = used() - before;
  }
  const declared = Object.fromEntries(EXCHANGE_OPERATIONS.map((op) => [op, BINANCE_RATE_LIMITS.costs[op]?.REQUEST_WEIGHT]));
  expect(measured).toEqual(declared);
});
