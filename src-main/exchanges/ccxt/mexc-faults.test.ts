// Failures through real ccxt against the fake MEXC: the shared contract (keys, clock, 429, 5xx, reset, timeout, a
// create whose answer is lost) plus what is MEXC's own: weight limits that escalate to a 418 ban, a create answer
// without a status, and open orders that MEXC lists one market at a time.
import { describe, expect, it } from 'vitest';
import { MEXC_UNDER_TEST } from '../../../fakes/mexc/under-test';
import { describeVenueFaults, failure, freshVenues } from '../../../fakes/venue-kit/venue-contract';
import type { CcxtAdapter } from './ccxt-adapter';
import { MEXC_OPEN_ORDERS_MAX_MARKETS } from './mexc';

// ccxt's own throttle (exchangeInfo and ticker/24hr at 25 × 50 ms) only slows these tests; none reads the account
// twice within a second, the one limit it would otherwise keep them under.
const unthrottled = { ...MEXC_UNDER_TEST, tune: (adapter: CcxtAdapter) => void (adapter.exchange.enableRateLimit = false) };

describeVenueFaults(unthrottled);

const setup = freshVenues(unthrottled);

describe('MEXC rate limits and quirks', () => {
  it('the fake enforces MEXC\'s endpoint weight limit with 429 + Retry-After, then bans a client that keeps going (418)', async () => {
    // Scaled down: 10 weight per endpoint per hour, so the burst cannot straddle a window; ban on the 2nd retry.
    const { fake, adapter } = await setup({ rateLimits: { ip: { limit: 10, intervalMs: 3_600_000 }, banAfter: 2 } });
    for (let i = 0; i < 10; i += 1) await adapter.ticker('BTC/USDT');
    const limited = await failure(adapter.ticker('BTC/USDT'));
    expect(limited).toMatchObject({ code: 'RATE_LIMITED' });
    expect(limited.retryAfterMs).toBeGreaterThan(0);
    expect(fake.log.count({ path: '/api/v3/ticker/24hr', status: 429 })).toBe(1);
    expect(await failure(adapter.ticker('BTC/USDT'))).toMatchObject({ code: 'RATE_LIMITED' });
    expect(await failure(adapter.ticker('BTC/USDT'))).toMatchObject({ code: 'BANNED' });
    expect(fake.log.count({ status: 418 })).toBe(1);
  });

});

describe('MEXC create answers without a status', () => {
  const limitBuy = { venue: 'mexc', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, price: 50_000 } as const;
  const confirmations = (fake: { log: { filter(m: object): { status: number }[] } }) =>
    fake.log.filter({ method: 'GET', path: '/api/v3/order' }).map((e) => e.status);

  it('are confirmed by one fetch: the order reads open, not unknown', async () => {
    const { fake, adapter } = await setup();
    expect(await adapter.createOrder(limitBuy, adapter.newClientOrderId())).toMatchObject({ status: 'open', filled: 0 });
    expect(confirmations(fake)).toEqual([200]);
  });

  it('a -2013 right after the create (MEXC\'s read side lagging) is looked up again until the order shows', async () => {
    const { fake, adapter } = await setup({ orderVisibleAfterMs: 200 });
    expect(await adapter.createOrder(limitBuy, adapter.newClientOrderId())).toMatchObject({ status: 'open' });
    expect(confirmations(fake)).toEqual([400, 400, 200]);
  });

  it('an order that never shows, or a failed fetch, still succeeds as pending with its exchange id: never unknown', async () => {
    const { fake, adapter } = await setup({ orderVisibleAfterMs: 60_000 });
    const clientOrderId = adapter.newClientOrderId();
    const lagging = await adapter.createOrder(limitBuy, clientOrderId);
    expect(lagging).toMatchObject({ clientOrderId, status: 'pending', amount: 0.001, price: 50_000 });
    expect(lagging.exchangeOrderId).toMatch(/^C02__/);
    expect(confirmations(fake)).toEqual([400, 400, 400]);
    // Anything but "not found" is not retried: the create stands, the fetch is not worth a second request.
    fake.faults.inject({ kind: '5xx', method: 'GET', path: '/api/v3/order' });
    expect(await adapter.createOrder(limitBuy, adapter.newClientOrderId())).toMatchObject({ status: 'pending' });
    expect(confirmations(fake)).toEqual([400, 400, 400, 500]);
    expect(fake.log.count({ method: 'POST', path: '/api/v3/order' })).toBe(2);
  });
});

describe('MEXC open orders without a symbol', () => {
  // Each listing reads GET /api/v3/account, which MEXC allows twice a second; with ccxt's throttle off these tests
  // read it faster, so the fake's account limit is raised (the limit itself is tested above).
  const relaxed = { account: { limit: 100, intervalMs: 1_000 } };
  const openOrderCalls = (fake: { log: { count(m: object): number } }) => fake.log.count({ path: '/api/v3/openOrders' });

  it('asks only the markets where funds are locked, one call each', async () => {
    const { fake, adapter } = await setup({ rateLimits: relaxed });
    expect(await adapter.openOrders()).toEqual([]);
    expect(openOrderCalls(fake)).toBe(0);
    // A sell of ETH locks ETH: only ETH/USDT can hold it.
    const sell = await adapter.createOrder({ venue: 'mexc', symbol: 'ETH/USDT', side: 'sell', type: 'limit', amount: 0.1, price: 4_000 }, adapter.newClientOrderId());
    expect((await adapter.openOrders()).map((o) => o.exchangeOrderId)).toEqual([sell.exchangeOrderId]);
    expect(fake.log.filter({ path: '/api/v3/openOrders' })).toHaveLength(1);
    // A buy locks USDT, which every market here is quoted in: both are asked.
    const buy = await adapter.createOrder({ venue: 'mexc', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, price: 50_000 }, adapter.newClientOrderId());
    const all = await adapter.openOrders();
    expect(all.map((o) => o.exchangeOrderId).sort()).toEqual([buy.exchangeOrderId, sell.exchangeOrderId].sort());
    expect(all.every((o) => o.status === 'open')).toBe(true);
    expect(openOrderCalls(fake)).toBe(3);
  });

  it('refuses with INVALID_REQUEST, before asking any market, when the locked funds could be in too many markets', async () => {
    const coins = ['BTC', 'ETH', 'SOL', 'XRP', 'ADA', 'DOT', 'LTC', 'TRX', 'AVAX', 'LINK', 'ATOM'];
    const symbols = coins.map((base, i) => ({ symbol: `${base}USDT`, base, quote: 'USDT', tickSize: '0.01', stepSize: '0.00001', minQty: '0.0001', minNotional: '1', price: 100 + i }));
    const { fake, adapter } = await setup({ symbols, rateLimits: relaxed });
    await adapter.createOrder({ venue: 'mexc', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.1, price: 50 }, adapter.newClientOrderId());
    const error = await failure(adapter.openOrders());
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', retryable: false });
    expect(error.message).toContain(`${MEXC_OPEN_ORDERS_MAX_MARKETS + 1} markets`);
    expect(error.message).toContain('USDT');
    expect(openOrderCalls(fake)).toBe(0);
    expect(await adapter.openOrders('BTC/USDT')).toHaveLength(1);
  });
});
