// Paper trading: prices from a real venue's public data (the Binance adapter, real ccxt, against the fake Binance on
// 127.0.0.1), fills simulated here. The venue must never see an order, nor any signed request.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createExchangeAdapter } from '../ccxt';
import type { ExchangeAdapter } from '../ports';
import { startFakeBinance, type FakeBinance } from '../../../fakes/binance';
import { SimulatedExchange } from './simulated-exchange';
import { failure } from './testing/demo-rig';

const PUBLIC_PATHS = ['/api/v3/exchangeInfo', '/api/v3/ticker/24hr', '/api/v3/ticker/bookTicker', '/api/v3/klines', '/api/v3/time', '/api/v3/ping'];

let fake: FakeBinance;
let adapter: ExchangeAdapter;
let paper: SimulatedExchange;

beforeAll(async () => {
  fake = await startFakeBinance();
  adapter = createExchangeAdapter('binance', undefined, { restBaseUrl: fake.url });
});
afterAll(async () => {
  await adapter.close();
  await fake.close();
});
afterEach(() => paper?.close());

function tickerRequests(): number {
  return fake.log.entries.filter((entry) => entry.path.startsWith('/api/v3/ticker')).length;
}

async function until(condition: () => Promise<boolean>, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('SimulatedExchange in paper mode over a real venue', () => {
  it("fills a market order at the venue's price without sending the venue any order", async () => {
    paper = new SimulatedExchange({ venue: 'binance', mode: 'paper', prices: adapter });
    const order = await paper.createOrder({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.01 }, paper.newClientOrderId());

    expect(order).toMatchObject({ venue: 'binance', mode: 'paper', status: 'filled', averagePrice: 60_000.01 });
    const usdt = (await paper.balance()).find((b) => b.asset === 'USDT')!;
    expect(usdt.total).toBeCloseTo(10_000 - 600.0001, 8);
    expect(await paper.myTrades('BTC/USDT')).toMatchObject([{ venue: 'binance', mode: 'paper', price: 60_000.01, fee: 0.00001, feeAsset: 'BTC' }]);
    expect(fake.log.count({ path: '/api/v3/order' })).toBe(0);
    expect(fake.orders()).toEqual([]);
    // It did talk to the venue, for prices and market rules only.
    expect(fake.log.count({ path: '/api/v3/exchangeInfo' })).toBeGreaterThan(0);
    expect(tickerRequests()).toBeGreaterThan(0);
    const unexpected = fake.log.entries.filter((entry) => !PUBLIC_PATHS.includes(entry.path));
    expect(unexpected).toEqual([]);
  });

  it("uses the venue's market rules and refuses what the venue would", async () => {
    paper = new SimulatedExchange({ venue: 'binance', mode: 'paper', prices: adapter });
    const tooSmall = await failure(paper.createOrder({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'market', amount: 0.00005 }, 'tiny'));
    expect(tooSmall).toMatchObject({ code: 'ORDER_REJECTED', message: expect.stringContaining('the minimum is 5 USDT') });
    expect(await failure(paper.createOrder({ venue: 'binance', symbol: 'SOL/USDT', side: 'buy', type: 'market', amount: 1 }, 'no-sol'))).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('polls the price of a resting order, fills it when the venue trades through it, then stops polling', async () => {
    paper = new SimulatedExchange({ venue: 'binance', mode: 'paper', prices: adapter, pollMs: 20 });
    const order = await paper.createOrder({ venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.1, price: 59_000 }, 'paper-limit');
    expect(order.status).toBe('open');
    const before = tickerRequests();
    await until(async () => tickerRequests() >= before + 3);
    expect((await paper.fetchOrder('BTC/USDT', order.exchangeOrderId!)).status).toBe('open');

    fake.setPrice('BTCUSDT', 58_500);
    try {
      await until(async () => (await paper.fetchOrder('BTC/USDT', order.exchangeOrderId!)).status === 'filled');
    } finally {
      fake.setPrice('BTCUSDT', 60_000);
    }
    expect(await paper.fetchOrder('BTC/USDT', order.exchangeOrderId!)).toMatchObject({ averagePrice: 59_000, filled: 0.1 });
    expect((await paper.balance()).find((b) => b.asset === 'USDT')).toMatchObject({ used: 0, total: 10_000 - 5_900 });

    await new Promise((resolve) => setTimeout(resolve, 60)); // a poll already on its way may still land
    const settled = tickerRequests();
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(tickerRequests()).toBe(settled);
    expect(fake.log.count({ path: '/api/v3/order' })).toBe(0);
  });
});
