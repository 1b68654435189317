// Failures through real ccxt against the fake Binance: the shared contract (keys, clock, 429, 418, 5xx, reset,
// timeout, a create whose answer is lost) plus what is Binance's own: its weight limit, enforced by the fake, that
// escalates from 429 to a 418 ban.
import { describe, expect, it } from 'vitest';
import type { AppError } from '../../../src-shared';
import { BINANCE_UNDER_TEST } from '../../../fakes/binance/under-test';
import { describeVenueFaults, freshVenues } from '../../../fakes/venue-kit/venue-contract';

describeVenueFaults(BINANCE_UNDER_TEST);

const setup = freshVenues(BINANCE_UNDER_TEST);

describe('Binance rate limits enforced by the fake', () => {
  it('reports used weight, answers 429 with Retry-After over the limit, and bans a client that keeps going', async () => {
    // exchangeInfo weighs 20 and a ticker 2: a limit of 30 leaves room for 5 tickers.
    const { fake, adapter } = await setup({ weightLimit: 30, weightIntervalMs: 600_000, alignWindows: 'first-request', banAfter: 2 });
    await adapter.ticker('BTC/USDT');
    expect(adapter.exchange.last_response_headers).toMatchObject({ 'X-Mbx-Used-Weight-1m': '22' });
    const errors: AppError[] = [];
    for (let i = 0; i < 8; i += 1) {
      const result = await adapter.ticker('BTC/USDT').catch((error: AppError) => error);
      if ('code' in result) errors.push(result);
    }
    expect(fake.log.count({ path: '/api/v3/ticker/24hr', status: 200 })).toBe(5);
    expect(errors[0]).toMatchObject({ code: 'RATE_LIMITED' });
    expect(errors[0]!.retryAfterMs).toBeGreaterThan(500_000);
    expect(errors.at(-1)).toMatchObject({ code: 'BANNED' });
    const statuses = fake.log.filter({ path: '/api/v3/ticker/24hr' }).map((e) => e.status);
    expect(statuses.indexOf(418)).toBeGreaterThan(statuses.indexOf(429));
  });
});
