import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AppError, CHANNELS, contract } from '../../src-shared';
import { ResilienceRegistry, withResilience } from '../resilience';
import { stubAdapter, TICKER } from '../resilience/testing/stub-adapter';
import { createDispatcher, type Handlers } from './dispatcher';
import type { ApiServices } from './services';
import { TransportSession } from './session';
import { systemHandlers } from './system-handlers';

function handlersWith(registry: ResilienceRegistry): Handlers {
  const refuse = () => {
    throw new Error('not part of this test');
  };
  const base = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
  return { ...base, ...systemHandlers({ resilience: registry } as ApiServices) };
}

describe('system:health', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('reports breakers, rate budgets, bans and per-operation metrics in the contract shape', async () => {
    const registry = new ResilienceRegistry({ breaker: { threshold: 1, cooldownMs: 30_000 }, retry: { maxRetries: 0 } });
    const binance = stubAdapter('binance');
    const gate = stubAdapter('gate');
    binance.ticker.mockResolvedValue(TICKER);
    binance.balance.mockRejectedValue(new AppError('BANNED', 'HTTP 418', true, { retryAfterMs: 120_000 }));
    gate.markets.mockRejectedValue(new AppError('VENUE_UNAVAILABLE', 'HTTP 503'));
    const limits = { windows: [{ id: 'REQUEST_WEIGHT', intervalMs: 60_000, limit: 6_000 }], costs: { ticker: { REQUEST_WEIGHT: 2 } } };
    const b = withResilience(binance, { registry, rateLimits: limits });
    const g = withResilience(gate, { registry });
    await b.ticker('BTC/USDT');
    await b.balance().catch(() => {});
    await g.markets().catch(() => {});

    const dispatcher = createDispatcher(handlersWith(registry));
    const response = await dispatcher.dispatch('system:health', {}, new TransportSession('s', () => {}));
    expect(response.ok).toBe(true);
    if (!response.ok) return;
    expect(contract['system:health'].res.safeParse(response.result).success).toBe(true);
    const health = contract['system:health'].res.parse(response.result);
    expect(health.venues).toEqual([
      { venue: 'binance', breaker: 'closed', rateBudget: { windows: [{ id: 'REQUEST_WEIGHT', used: 3, limit: 6_000 }] }, bannedUntil: 1_120_000 },
      { venue: 'gate', breaker: 'open', retryAfterMs: 30_000, rateBudget: { windows: [] } },
    ]);
    expect(health.operations.map(({ venue, operation, count, errors }) => ({ venue, operation, count, errors }))).toEqual([
      { venue: 'binance', operation: 'ticker', count: 1, errors: 0 },
      { venue: 'binance', operation: 'balance', count: 1, errors: 1 },
      { venue: 'gate', operation: 'markets', count: 1, errors: 1 },
    ]);
  });

  it('refuses a payload with fields', async () => {
    const dispatcher = createDispatcher(handlersWith(new ResilienceRegistry()));
    const response = await dispatcher.dispatch('system:health', { venue: 'binance' }, new TransportSession('s', () => {}));
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  });
});
