// What every ccxt venue must do through the adapter against its fake, written once: candles page without gaps, an
// unknown symbol is NOT_FOUND, balances, a limit order's round trip, a resting order filling, lookup by client id,
// refusals, and the faults (keys, clock, 429, 5xx, reset, timeout, a create whose answer is lost). Each venue's
// test file calls these with its fake and keeps only what is its own (market table, id format, quirks).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Balance, Candle, Order, Trade, type AppError, type VenueId } from '../../src-shared';
import { EXCHANGE_OPERATIONS } from '../../src-main/exchanges';
import type { CcxtAdapter } from '../../src-main/exchanges/ccxt';
import { createExchangeAdapter, venueProfile } from '../../src-main/exchanges/ccxt';
import type { ExchangeCredentials } from '../../src-main/exchanges/ports';
import type { MatchingEngine } from './matching-engine';
import type { FakeHttpServer } from './http';

export interface ContractFake extends FakeHttpServer {
  engine: MatchingEngine;
  setPrice(id: string, price: number): void;
}

/** Options every fake takes; a fake's own (rate limits, windows) ride along in `O`. */
export interface ContractFakeOptions {
  now?: () => number;
}

export interface VenueUnderTest<F extends ContractFake, O extends ContractFakeOptions = ContractFakeOptions> {
  venue: Extract<VenueId, 'binance' | 'gate' | 'mexc'>;
  account: ExchangeCredentials;
  start(options?: O): Promise<F>;
  /** The venue's own id of BTC/USDT (BTC_USDT on Gate, BTCUSDT on MEXC). */
  btcId: string;
  /** Request paths the assertions count. */
  paths: { balance: string; create: string };
  /** The venue documents a 418 IP ban for REST (Binance, MEXC); Gate does not, so its 418 is not tested as one. */
  bansWith418: boolean;
  /** Applied to every adapter after it is made (e.g. switching off ccxt's throttle). */
  tune?(adapter: CcxtAdapter): void;
}

export async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected the call to fail');
}

export function expectNoSecrets(error: AppError, credentials: ExchangeCredentials): void {
  const text = `${error.message} ${String((error.cause as Error | undefined)?.message)}`;
  expect(text).not.toContain(credentials.apiKey);
  expect(text).not.toContain(credentials.secret);
  expect(text).not.toMatch(/signature=[0-9a-f]/);
}

function connect<F extends ContractFake, O extends ContractFakeOptions>(v: VenueUnderTest<F, O>, fake: F, credentials: ExchangeCredentials | undefined, timeoutMs?: number): CcxtAdapter {
  const adapter = createExchangeAdapter(v.venue, credentials, { restBaseUrl: fake.url, ...(timeoutMs === undefined ? {} : { timeoutMs }) }) as CcxtAdapter;
  v.tune?.(adapter);
  return adapter;
}

/** One fake and one adapter shared by the tests of `body`, in order (they build on each other's balances). */
export function withVenue<F extends ContractFake, O extends ContractFakeOptions>(v: VenueUnderTest<F, O>, body: (ctx: () => { fake: F; adapter: CcxtAdapter }) => void): void {
  let fake: F;
  let adapter: CcxtAdapter;
  beforeAll(async () => {
    fake = await v.start();
    adapter = connect(v, fake, v.account);
  });
  afterAll(async () => {
    await adapter.close();
    await fake.close();
  });
  body(() => ({ fake, adapter }));
}

/** The shared behaviour; call inside `withVenue` before the venue's own tests touch balances. */
export function describeVenueContract<F extends ContractFake, O extends ContractFakeOptions>(v: VenueUnderTest<F, O>, ctx: () => { fake: F; adapter: CcxtAdapter }): void {
  const btc = { venue: v.venue, symbol: 'BTC/USDT' } as const;

  describe(`${v.venue} contract: market data`, () => {
    it('reads the newest hourly candles, then pages backwards without overlap or gaps', async () => {
      const { adapter } = ctx();
      const newest = await adapter.candles('BTC/USDT', '1h', { limit: 24 });
      expect(newest).toHaveLength(24);
      for (const c of newest) Candle.parse(c);
      expect(newest.every((c) => c.high >= Math.max(c.open, c.close) && c.low <= Math.min(c.open, c.close))).toBe(true);
      const older = await adapter.candles('BTC/USDT', '1h', { limit: 24, before: newest[0]!.time });
      expect(older).toHaveLength(24);
      expect(older.at(-1)!.time).toBe(newest[0]!.time - 3_600_000);
      const times = [...older, ...newest].map((c) => c.time);
      expect(times.every((t, i) => i === 0 || t - times[i - 1]! === 3_600_000)).toBe(true);
    });

    it('refuses an unknown symbol with NOT_FOUND', async () => {
      await expect(ctx().adapter.ticker('DOGE/EUR')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe(`${v.venue} contract: rate limits`, () => {
    it('prices every adapter operation, only in windows the spec declares', () => {
      const spec = venueProfile(v.venue).rateLimits;
      const windows = new Set(spec.windows.map((w) => w.id));
      for (const operation of EXCHANGE_OPERATIONS) {
        const cost = spec.costs[operation];
        expect(cost, operation).toBeDefined();
        expect(Object.keys(cost ?? {}).filter((id) => !windows.has(id)), operation).toEqual([]);
      }
      expect(Object.keys(spec.defaultCost ?? {}).filter((id) => !windows.has(id))).toEqual([]);
    });
  });

  describe(`${v.venue} contract: account and orders`, () => {
    it('reads the spot balances through a signed call the fake verifies', async () => {
      const balances = await ctx().adapter.balance();
      for (const b of balances) Balance.parse(b);
      expect(balances).toEqual(['BTC', 'ETH', 'USDT'].map((asset, i) => ({ venue: v.venue, asset, free: [1, 10, 100_000][i], used: 0, total: [1, 10, 100_000][i] })));
    });

    it('round-trips a limit order: create, open orders, fetch, cancel, funds released', async () => {
      const { fake, adapter } = ctx();
      const clientOrderId = adapter.newClientOrderId();
      const created = Order.parse(await adapter.createOrder({ ...btc, side: 'buy', type: 'limit', amount: 0.01, price: 50_000 }, clientOrderId));
      expect(created).toMatchObject({ clientOrderId, status: 'open', amount: 0.01, price: 50_000, filled: 0, type: 'limit' });
      expect(fake.engine.orders.at(-1)).toMatchObject({ clientOrderId, price: 50_000, origQty: 0.01 });
      expect((await adapter.balance()).find((b) => b.asset === 'USDT')).toMatchObject({ used: 500, free: 99_500 });
      expect((await adapter.openOrders('BTC/USDT')).map((o) => o.clientOrderId)).toEqual([clientOrderId]);
      expect(await adapter.fetchOrder('BTC/USDT', created.exchangeOrderId!)).toMatchObject({ clientOrderId, exchangeOrderId: created.exchangeOrderId, status: 'open' });
      expect(await adapter.cancelOrder('BTC/USDT', created.exchangeOrderId!)).toMatchObject({ clientOrderId, status: 'cancelled' });
      expect(await adapter.openOrders('BTC/USDT')).toEqual([]);
      expect((await adapter.balance()).find((b) => b.asset === 'USDT')).toMatchObject({ used: 0, free: 100_000 });
    });

    it('a resting limit fills when the price crosses it', async () => {
      const { fake, adapter } = ctx();
      const created = await adapter.createOrder({ ...btc, side: 'sell', type: 'limit', amount: 0.001, price: 65_000 }, adapter.newClientOrderId());
      fake.setPrice(v.btcId, 65_000);
      expect(await adapter.fetchOrder('BTC/USDT', created.exchangeOrderId!)).toMatchObject({ status: 'filled', filled: 0.001, averagePrice: 65_000 });
      fake.setPrice(v.btcId, 60_000);
    });

    it('fills a market buy at the last price, books the trade and moves the balances', async () => {
      const { adapter } = ctx();
      const since = Date.now() - 1000;
      const before = await adapter.balance();
      const clientOrderId = adapter.newClientOrderId();
      const order = await adapter.createOrder({ venue: v.venue, symbol: 'ETH/USDT', side: 'buy', type: 'market', amount: 0.5 }, clientOrderId);
      expect(order).toMatchObject({ clientOrderId, status: 'filled', filled: 0.5, averagePrice: 3000, type: 'market' });
      expect(await adapter.fetchOrderByClientId('ETH/USDT', clientOrderId)).toMatchObject({ status: 'filled', filled: 0.5, averagePrice: 3000 });
      const trades = await adapter.myTrades('ETH/USDT', since);
      for (const t of trades) Trade.parse(t);
      expect(trades).toEqual([expect.objectContaining({ side: 'buy', price: 3000, amount: 0.5, fee: 0.0005, feeAsset: 'ETH' })]);
      const after = await adapter.balance();
      const total = (list: typeof after, asset: string) => list.find((b) => b.asset === asset)?.total ?? 0;
      expect(total(after, 'USDT')).toBeCloseTo(total(before, 'USDT') - 1500, 6);
      expect(total(after, 'ETH')).toBeCloseTo(total(before, 'ETH') + 0.4995, 8);
    });

    it('finds an order by client id, and says undefined for one the venue never saw', async () => {
      const { adapter } = ctx();
      const clientOrderId = adapter.newClientOrderId();
      await adapter.createOrder({ ...btc, side: 'sell', type: 'limit', amount: 0.001, price: 70_000 }, clientOrderId);
      expect(await adapter.fetchOrderByClientId('BTC/USDT', clientOrderId)).toMatchObject({ clientOrderId, status: 'open', side: 'sell' });
      expect(await adapter.fetchOrderByClientId('BTC/USDT', adapter.newClientOrderId())).toBeUndefined();
    });

    it('maps refusals: not enough balance is INSUFFICIENT_FUNDS, under the minimum ORDER_REJECTED', async () => {
      const { adapter } = ctx();
      await expect(adapter.createOrder({ ...btc, side: 'buy', type: 'limit', amount: 100, price: 50_000 }, adapter.newClientOrderId())).rejects.toMatchObject({ code: 'INSUFFICIENT_FUNDS' });
      await expect(adapter.createOrder({ ...btc, side: 'buy', type: 'limit', amount: 0.00001, price: 50_000 }, adapter.newClientOrderId())).rejects.toMatchObject({ code: 'ORDER_REJECTED' });
    });
  });
}

/**
 * A fresh fake and a connected adapter (markets loaded) per call, all closed after each test, so injected faults,
 * skewed clocks and scaled-down limits never leak between tests.
 */
export function freshVenues<F extends ContractFake, O extends ContractFakeOptions>(v: VenueUnderTest<F, O>) {
  const opened: { fake: F; adapter: CcxtAdapter }[] = [];
  afterEach(async () => {
    for (const { fake, adapter } of opened.splice(0)) {
      await adapter.close();
      await fake.close();
    }
  });
  return async (options?: O, credentials = v.account, timeoutMs?: number) => {
    const fake = await v.start(options);
    const adapter = connect(v, fake, credentials, timeoutMs);
    opened.push({ fake, adapter });
    await adapter.markets();
    return { fake, adapter };
  };
}

/** The shared faults, each on its own fake. */
export function describeVenueFaults<F extends ContractFake, O extends ContractFakeOptions>(v: VenueUnderTest<F, O>): void {
  const setup = freshVenues(v);

  describe(`${v.venue} contract: keys and clock`, () => {
    it('a wrong secret fails the venue\'s signature check: AUTH_FAILED, no secret in the message', async () => {
      const credentials = { ...v.account, secret: 'wrong-secret-but-long-enough' };
      const { fake, adapter } = await setup(undefined, credentials);
      const error = await failure(adapter.balance());
      expect(error).toMatchObject({ code: 'AUTH_FAILED', retryable: false });
      expect(error.message).toContain('API key');
      expectNoSecrets(error, credentials);
      // One signed request, refused by the venue (Gate says 401, MEXC 400): nothing retried it.
      const refused = fake.log.filter({ path: v.paths.balance });
      expect(refused).toHaveLength(1);
      expect([400, 401]).toContain(refused[0]!.status);
    });

    it('an unknown key: AUTH_FAILED', async () => {
      const { adapter } = await setup(undefined, { apiKey: 'someone-elses-key-123', secret: v.account.secret });
      expect(await failure(adapter.balance())).toMatchObject({ code: 'AUTH_FAILED' });
    });

    it('without keys public data works and private calls say AUTH_FAILED', async () => {
      const fake = await v.start();
      const adapter = connect(v, fake, undefined);
      try {
        expect((await adapter.ticker('BTC/USDT')).last).toBe(60_000);
        expect(await failure(adapter.balance())).toMatchObject({ code: 'AUTH_FAILED' });
      } finally {
        await adapter.close();
        await fake.close();
      }
    });

    it('a clock far off the venue\'s says to fix the clock, not the keys', async () => {
      const { adapter } = await setup({ now: () => Date.now() + 120_000 } as O);
      const error = await failure(adapter.balance());
      expect(error).toMatchObject({ code: 'VENUE_UNAVAILABLE', retryable: false });
      expect(error.message).toContain('clock');
    });
  });

  describe(`${v.venue} contract: faults`, () => {
    it('an injected 429 with Retry-After: RATE_LIMITED after the venue\'s delay', async () => {
      const { fake, adapter } = await setup();
      fake.faults.inject({ kind: '429', retryAfterS: 3 });
      expect(await failure(adapter.ticker('BTC/USDT'))).toMatchObject({ code: 'RATE_LIMITED', retryable: true, retryAfterMs: 3000 });
    });

    if (v.bansWith418) {
      it('an injected 418 with Retry-After: BANNED for that long', async () => {
        const { fake, adapter } = await setup();
        fake.faults.inject({ kind: '418', retryAfterS: 120 });
        const error = await failure(adapter.candles('BTC/USDT', '1m', { limit: 10 }));
        expect(error).toMatchObject({ code: 'BANNED', retryAfterMs: 120_000 });
        expect(error.message).toContain('2 min');
      });
    }

    it('a 5xx and a connection reset: VENUE_UNAVAILABLE, retryable, and the next call goes through', async () => {
      const { fake, adapter } = await setup();
      fake.faults.inject({ kind: '5xx', status: 500 });
      expect(await failure(adapter.ticker('BTC/USDT'))).toMatchObject({ code: 'VENUE_UNAVAILABLE', retryable: true });
      expect((await adapter.ticker('BTC/USDT')).last).toBe(60_000);
      fake.faults.inject({ kind: '5xx', status: 503 });
      expect(await failure(adapter.balance())).toMatchObject({ code: 'VENUE_UNAVAILABLE', retryable: true });
      fake.faults.inject({ kind: 'reset', path: v.paths.balance });
      const reset = await failure(adapter.balance());
      expect(reset).toMatchObject({ code: 'VENUE_UNAVAILABLE', retryable: true });
      // The signed URL (key, signature) of the reset request must not ride along in the message.
      expectNoSecrets(reset, v.account);
      expect(fake.log.filter({ path: v.paths.balance }).at(-1)).toMatchObject({ status: 0, fault: 'reset' });
    });

    it('an answer slower than the timeout: TIMEOUT', async () => {
      const { fake, adapter } = await setup(undefined, v.account, 300);
      fake.faults.inject({ kind: 'latency', latencyMs: 1500 });
      expect(await failure(adapter.ticker('BTC/USDT'))).toMatchObject({ code: 'TIMEOUT', retryable: true });
    });

    it('a create accepted but its answer lost: the call fails, the order exists once and is found by client id', async () => {
      const { fake, adapter } = await setup();
      const clientOrderId = adapter.newClientOrderId();
      fake.faults.inject({ kind: 'accept-then-drop', method: 'POST', path: v.paths.create });
      const request = { venue: v.venue, symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, price: 50_000 } as const;
      expect(await failure(adapter.createOrder(request, clientOrderId))).toMatchObject({ code: 'VENUE_UNAVAILABLE' });
      expect(fake.log.count({ method: 'POST', path: v.paths.create })).toBe(1);
      expect(fake.engine.orders.filter((o) => o.clientOrderId === clientOrderId)).toHaveLength(1);
      expect(await adapter.fetchOrderByClientId('BTC/USDT', clientOrderId)).toMatchObject({ clientOrderId, status: 'open', amount: 0.001 });
    });
  });
}
