import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, type ErrorCode, type OrderRequest } from '../../src-shared';
import { ResilienceRegistry, type ResilienceOptions } from './registry';
import { order, stubAdapter, TICKER } from './testing/stub-adapter';
import { withResilience } from './with-resilience';

const REQUEST: OrderRequest = { venue: 'binance', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 1, price: 50_000 };
const fail = (code: ErrorCode, retryAfterMs?: number) =>
  Promise.reject(new AppError(code, `venue said ${code}`, undefined, retryAfterMs === undefined ? {} : { retryAfterMs }));

function setup(options: ResilienceOptions = {}) {
  const registry = new ResilienceRegistry({
    retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 10_000, jitter: 0.5, random: () => 0.5 },
    breaker: { threshold: 10, cooldownMs: 60_000 },
    ...options,
  });
  const adapter = stubAdapter();
  return { registry, adapter, wrapped: withResilience(adapter, { registry }) };
}

/** Runs fake time, one timer at a time, only until `promise` settles; returns what it settled to. */
async function settle<T>(promise: Promise<T>): Promise<{ value?: T; error?: unknown }> {
  let outcome: { value?: T; error?: unknown } | undefined;
  void promise.then((value) => (outcome = { value }), (error: unknown) => (outcome = { error }));
  for (let i = 0; i < 1_000; i++) {
    await vi.advanceTimersByTimeAsync(0);
    if (outcome) break;
    await vi.advanceTimersToNextTimerAsync();
  }
  if (!outcome) throw new Error('the call never settled');
  return outcome;
}

describe('withResilience', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('retries a read on venue failures with growing, jittered delays, then returns its result', async () => {
    const draws = [0.99, 0, 0.7];
    const { adapter, wrapped } = setup({ retry: { maxRetries: 3, baseDelayMs: 100, maxDelayMs: 10_000, jitter: 0.5, random: () => draws.shift() ?? 0 } });
    const calledAt: number[] = [];
    adapter.ticker
      .mockImplementationOnce(() => (calledAt.push(Date.now()), fail('VENUE_UNAVAILABLE')))
      .mockImplementationOnce(() => (calledAt.push(Date.now()), fail('TIMEOUT')))
      .mockImplementationOnce(() => (calledAt.push(Date.now()), fail('VENUE_UNAVAILABLE')))
      .mockImplementationOnce(() => (calledAt.push(Date.now()), Promise.resolve(TICKER)));
    expect(await settle(wrapped.ticker('BTC/USDT'))).toEqual({ value: TICKER });
    const delays = calledAt.slice(1).map((t, i) => t - (calledAt[i] ?? 0));
    // Retry n waits within [base·2^(n-1)·(1 − jitter), base·2^(n-1)]: 100·(1−0.495), 200·(1−0), 400·(1−0.35).
    expect(delays).toEqual([51, 200, 260]);
    delays.forEach((delay, i) => {
      const ceiling = 100 * 2 ** i;
      expect(delay).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delay).toBeLessThanOrEqual(ceiling);
      if (i > 0) expect(delay).toBeGreaterThan(delays[i - 1] ?? Infinity);
    });
  });

  it('gives up after the last retry with the venue error', async () => {
    const { adapter, wrapped } = setup();
    adapter.balance.mockImplementation(() => fail('VENUE_UNAVAILABLE'));
    const { error } = await settle(wrapped.balance());
    expect(error).toMatchObject({ code: 'VENUE_UNAVAILABLE' });
    expect(adapter.balance).toHaveBeenCalledTimes(4);
  });

  it('does not retry errors that would fail the same way again', async () => {
    for (const code of ['AUTH_FAILED', 'ORDER_REJECTED', 'INVALID_REQUEST', 'NOT_FOUND', 'INSUFFICIENT_FUNDS', 'BANNED'] as const) {
      const { adapter, wrapped } = setup();
      adapter.myTrades.mockImplementation(() => fail(code, 1_000));
      const { error } = await settle(wrapped.myTrades('BTC/USDT'));
      expect(error).toMatchObject({ code });
      expect(adapter.myTrades).toHaveBeenCalledTimes(1);
    }
  });

  it('retries a 429 only after its Retry-After, and pauses other calls to the venue meanwhile', async () => {
    const { adapter, wrapped } = setup();
    const calledAt: number[] = [];
    adapter.ticker
      .mockImplementationOnce(() => (calledAt.push(Date.now()), fail('RATE_LIMITED', 7_000)))
      .mockImplementation(() => (calledAt.push(Date.now()), Promise.resolve(TICKER)));
    adapter.markets.mockImplementation(() => (calledAt.push(Date.now()), Promise.resolve([])));
    const ticker = wrapped.ticker('BTC/USDT');
    await vi.advanceTimersByTimeAsync(1);
    const markets = wrapped.markets();
    await settle(Promise.all([ticker, markets]));
    expect(calledAt[0]).toBe(0);
    expect(calledAt.slice(1).every((t) => t >= 7_000)).toBe(true);
    expect(calledAt).toHaveLength(3);
  });

  it('sends a create exactly once, even on a retryable error', async () => {
    for (const code of ['VENUE_UNAVAILABLE', 'TIMEOUT', 'RATE_LIMITED'] as const) {
      const { adapter, wrapped } = setup();
      adapter.createOrder.mockImplementation(() => fail(code, 100));
      const { error } = await settle(wrapped.createOrder(REQUEST, 'x-1'));
      expect(error).toMatchObject({ code });
      expect(adapter.createOrder).toHaveBeenCalledTimes(1);
    }
  });

  it('a create that times out is a TIMEOUT saying its fate is unknown, and is not repeated', async () => {
    const { adapter, wrapped } = setup({ timeouts: { writeMs: 5_000 } });
    adapter.createOrder.mockImplementation(() => new Promise(() => {}));
    const outcome = settle(wrapped.createOrder(REQUEST, 'x-1'));
    const { error } = await outcome;
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'TIMEOUT', retryable: false });
    expect((error as Error).message).toMatch(/may or may not have been placed.*client order id/);
    expect(adapter.createOrder).toHaveBeenCalledTimes(1);
  });

  it('a read that times out is retried', async () => {
    const { adapter, wrapped } = setup({ timeouts: { readMs: 1_000 } });
    adapter.ticker.mockImplementationOnce(() => new Promise(() => {})).mockResolvedValue(TICKER);
    expect(await settle(wrapped.ticker('BTC/USDT'))).toEqual({ value: TICKER });
    expect(adapter.ticker).toHaveBeenCalledTimes(2);
  });

  it('a retried cancel whose first attempt landed returns the cancelled order', async () => {
    const { adapter, wrapped } = setup();
    adapter.cancelOrder.mockImplementationOnce(() => fail('TIMEOUT')).mockImplementationOnce(() => fail('ORDER_REJECTED'));
    adapter.fetchOrder.mockResolvedValue(order('cancelled'));
    expect(await settle(wrapped.cancelOrder('BTC/USDT', '42'))).toEqual({ value: order('cancelled') });
    // A cancel refused at its first attempt is just refused: no lookup.
    adapter.cancelOrder.mockImplementation(() => fail('ORDER_REJECTED'));
    const { error } = await settle(wrapped.cancelOrder('BTC/USDT', '42'));
    expect(error).toMatchObject({ code: 'ORDER_REJECTED' });
    expect(adapter.fetchOrder).toHaveBeenCalledTimes(1);
  });

  it('opens the circuit after repeated failures and then fails fast without calling the venue', async () => {
    const { adapter, wrapped, registry } = setup({ breaker: { threshold: 2, cooldownMs: 30_000 }, retry: { maxRetries: 0 } });
    adapter.ticker.mockImplementation(() => fail('VENUE_UNAVAILABLE'));
    await settle(wrapped.ticker('BTC/USDT'));
    await settle(wrapped.ticker('BTC/USDT'));
    const { error } = await settle(wrapped.createOrder(REQUEST, 'x-2'));
    expect(error).toMatchObject({ code: 'CIRCUIT_OPEN', retryAfterMs: 30_000 });
    expect(adapter.createOrder).not.toHaveBeenCalled();
    expect(registry.snapshot().venues[0]).toMatchObject({ venue: 'binance', breaker: 'open', retryAfterMs: 30_000 });
  });

  it('a ban from the venue stops every call to it until the ban ends', async () => {
    const { adapter, wrapped, registry } = setup();
    adapter.ticker.mockImplementationOnce(() => fail('BANNED', 120_000)).mockResolvedValue(TICKER);
    adapter.createOrder.mockResolvedValue(order('open'));
    expect((await settle(wrapped.ticker('BTC/USDT'))).error).toMatchObject({ code: 'BANNED' });
    expect(registry.snapshot().venues[0]?.bannedUntil).toBe(120_000);
    for (const call of [() => wrapped.ticker('BTC/USDT'), () => wrapped.createOrder(REQUEST, 'x-3')] as Array<() => Promise<unknown>>) {
      expect((await settle(call())).error).toMatchObject({ code: 'BANNED' });
    }
    expect(adapter.ticker).toHaveBeenCalledTimes(1);
    expect(adapter.createOrder).not.toHaveBeenCalled();
    vi.setSystemTime(120_000);
    expect(await settle(wrapped.ticker('BTC/USDT'))).toEqual({ value: TICKER });
  });

  it('records count, errors and latency per operation', async () => {
    const { adapter, wrapped, registry } = setup({ retry: { maxRetries: 0 } });
    adapter.ticker.mockResolvedValueOnce(TICKER).mockImplementationOnce(() => fail('AUTH_FAILED'));
    await settle(wrapped.ticker('BTC/USDT'));
    await settle(wrapped.ticker('BTC/USDT'));
    expect(registry.snapshot().operations).toEqual([
      { operation: 'ticker', venue: 'binance', count: 2, errors: 1, p50Ms: expect.any(Number), p95Ms: expect.any(Number), p99Ms: expect.any(Number) },
    ]);
  });

  it('corrects the rate budget from the used-weight header of the latest response', async () => {
    const registry = new ResilienceRegistry();
    const adapter = stubAdapter();
    adapter.ticker.mockResolvedValue(TICKER);
    const rateLimits = {
      windows: [{ id: 'REQUEST_WEIGHT', intervalMs: 60_000, limit: 6_000 }],
      costs: { ticker: { REQUEST_WEIGHT: 2 } },
      usedHeaders: { REQUEST_WEIGHT: 'x-mbx-used-weight-1m' },
    };
    const wrapped = withResilience(adapter, { registry, rateLimits, lastResponseHeaders: () => ({ 'X-Mbx-Used-Weight-1m': '4100' }) });
    await settle(wrapped.ticker('BTC/USDT'));
    expect(registry.snapshot().venues[0]?.rateBudget.windows).toEqual([{ id: 'REQUEST_WEIGHT', used: 4_100, limit: 6_000 }]);
  });
});

describe('withResilience in shared mode', () => {
  const LIMITS = { windows: [{ id: 'REQUEST_WEIGHT', intervalMs: 60_000, limit: 6000 }], costs: { ticker: { REQUEST_WEIGHT: 2 } } };

  it('takes each call from the budget shared by all processes before sending it, and sends nothing it refuses', async () => {
    const registry = new ResilienceRegistry({ retry: { maxRetries: 0 } });
    const asked: string[] = [];
    let refuse = false;
    registry.shareBudgets((venue) => ({
      acquire: (operation) => {
        asked.push(`${venue}:${operation}`);
        return refuse ? Promise.reject(new AppError('RATE_LIMITED', 'shared budget used up', true, { retryAfterMs: 500 })) : Promise.resolve();
      },
    }));
    const adapter = stubAdapter();
    adapter.ticker.mockResolvedValue(TICKER);
    const wrapped = withResilience(adapter, { registry, rateLimits: LIMITS });
    await expect(wrapped.ticker('BTC/USDT')).resolves.toEqual(TICKER);
    // The first request also pays for the markets ccxt loads by itself on a new adapter; later ones do not.
    expect(asked).toEqual(['binance:markets', 'binance:ticker']);
    await wrapped.ticker('BTC/USDT');
    expect(asked).toEqual(['binance:markets', 'binance:ticker', 'binance:ticker']);
    refuse = true;
    await expect(wrapped.ticker('BTC/USDT')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    expect(adapter.ticker).toHaveBeenCalledTimes(2);
  });

  it('leaves a venue without limits, and every venue outside shared mode, to the local budget alone', () => {
    const registry = new ResilienceRegistry();
    registry.shareBudgets(() => ({ acquire: () => Promise.resolve() }));
    expect(registry.venue('gate').sharedBudget).toBeUndefined();
    expect(registry.venue('binance', LIMITS).sharedBudget).toBeDefined();
    expect(new ResilienceRegistry().venue('binance', LIMITS).sharedBudget).toBeUndefined();
  });
});
