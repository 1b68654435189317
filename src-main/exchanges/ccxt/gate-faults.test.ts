// Failures through real ccxt against the fake Gate: the shared contract (keys, clock, 429, 5xx, reset, timeout, a
// create whose answer is lost) plus what is Gate's own: per-endpoint limits with the X-Gate-RateLimit headers, and
// the lookup by text once Gate has stopped resolving it.
import { describe, expect, it } from 'vitest';
import { GATE_UNDER_TEST } from '../../../fakes/gate/under-test';
import { describeVenueFaults, failure, freshVenues } from '../../../fakes/venue-kit/venue-contract';
import { gateResetWaitMs } from './gate';

describeVenueFaults(GATE_UNDER_TEST);

const setup = freshVenues(GATE_UNDER_TEST);

describe('Gate rate limits and lookups', () => {
  it('the fake enforces Gate\'s per-endpoint limit with 429 TOO_MANY_REQUESTS and the X-Gate-RateLimit headers', async () => {
    // A window of an hour: the three calls cannot straddle a reset.
    const { fake, adapter } = await setup({ rateLimits: { public: { limit: 2, intervalMs: 3_600_000 } } });
    await adapter.ticker('BTC/USDT');
    await adapter.ticker('BTC/USDT');
    expect(adapter.exchange.last_response_headers).toMatchObject({ 'X-Gate-Ratelimit-Requests-Remain': '0', 'X-Gate-Ratelimit-Limit': '2' });
    const limited = await failure(adapter.ticker('BTC/USDT'));
    expect(limited).toMatchObject({ code: 'RATE_LIMITED', retryable: true });
    // No Retry-After on Gate's 429: the wait comes from X-Gate-RateLimit-Reset-Timestamp (the window ends in ~1 h).
    expect(adapter.exchange.last_response_headers?.['Retry-After']).toBeUndefined();
    const reset = Number(adapter.exchange.last_response_headers?.['X-Gate-Ratelimit-Reset-Timestamp']);
    expect(limited.retryAfterMs).toBeGreaterThan(3_500_000);
    expect(limited.retryAfterMs).toBeLessThanOrEqual(reset * 1000 - Date.now() + 1000);
    expect(limited.message).toMatch(/waiting \d+ min/);
    expect(fake.log.count({ path: '/api/v4/spot/tickers', status: 429 })).toBe(1);
    // Each endpoint counts apart: candles still answer.
    expect(await adapter.candles('BTC/USDT', '1m', { limit: 2 })).toHaveLength(2);
  });

  it('reads the reset time whatever the header\'s case, and ignores one that is past or not a number', () => {
    const now = 1_700_000_000_000;
    expect(gateResetWaitMs({ 'x-gate-ratelimit-reset-timestamp': '1700000007' }, now)).toBe(7000);
    expect(gateResetWaitMs({ 'X-Gate-RateLimit-Reset-Timestamp': 1_700_000_000 }, now)).toBeUndefined();
    expect(gateResetWaitMs({ 'X-Gate-RateLimit-Reset-Timestamp': 'soon' }, now)).toBeUndefined();
    expect(gateResetWaitMs(undefined, now)).toBeUndefined();
  });

  it('after Gate stops resolving the text (1 h after the order ended), the lookup falls back to finished orders', async () => {
    const { fake, adapter } = await setup({ textLookupWindowMs: 0 });
    const clientOrderId = adapter.newClientOrderId();
    await adapter.createOrder({ venue: 'gate', symbol: 'BTC/USDT', side: 'sell', type: 'market', amount: 0.001 }, clientOrderId);
    expect(await adapter.fetchOrderByClientId('BTC/USDT', clientOrderId)).toMatchObject({ clientOrderId, status: 'filled' });
    expect(fake.log.count({ method: 'GET', path: `/api/v4/spot/orders/${clientOrderId}`, status: 404 })).toBe(1);
    expect(fake.log.count({ method: 'GET', path: '/api/v4/spot/orders', status: 200 })).toBe(1);
  });
});
