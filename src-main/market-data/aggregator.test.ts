// The aggregator over real providers talking HTTP to local fakes of the four data APIs, plus an exchange: fallback
// in priority order, every failure reported with its reason, the TTL cache on an injected clock, and each
// provider's own rate limit respected (a provider at its limit is skipped with that reason, never called).
import { beforeEach, describe, expect, it } from 'vitest';
import type { DataApiId, ProviderId } from '../../src-shared';
import { MemorySecretStore } from '../secrets/testing';
import { MarketDataAggregator } from './aggregator';
import { ProviderKeys } from './provider-keys';
import { VenueProvider } from './providers/venue';
import { createDataApis } from './service';
import { avNote, polygonError, T0, yahooError } from '../../fakes/data-providers/documented-json';
import { startFakeApis, urlsOf, type FakeApis } from '../../fakes/data-providers';
import { ScriptedVenue, venueDown } from './testing/scripted-venue';

let apis: FakeApis;
let venue: ScriptedVenue;
let now: number;
let keys: ProviderKeys;

beforeEach(async () => {
  apis = await startFakeApis();
  venue = new ScriptedVenue();
  now = T0 + 1_000;
  keys = new ProviderKeys(new MemorySecretStore());
  for (const id of ['coinmarketcap', 'alpha-vantage', 'polygon'] as DataApiId[]) await keys.set(id, `key-of-${id}`);
});

function aggregator(priority: ProviderId[], ttlMs = 10_000): MarketDataAggregator {
  const providers = [...createDataApis(urlsOf(apis), () => now), new VenueProvider(venue, 'Binance')];
  return new MarketDataAggregator({ providers: () => providers, priority: () => priority, keys, now: () => now, ttlMs });
}

const requests = (id: keyof FakeApis) => apis[id].requests.length;

describe('MarketDataAggregator.quote', () => {
  it('falls back in priority order and reports why each source before the answer failed', async () => {
    apis.polygon.route = () => ({ status: 429, body: polygonError("You've exceeded the maximum requests per minute") });
    await keys.remove('coinmarketcap');
    apis['alpha-vantage'].route = () => ({ body: avNote });
    const result = await aggregator(['polygon', 'coinmarketcap', 'alpha-vantage', 'yahoo', 'binance']).quote('BTC/USDT');

    expect(result.quote).toMatchObject({ provider: 'yahoo', name: 'Yahoo Finance', pair: 'BTC-USD', price: 64_002, cached: false });
    expect(result.failures.map(({ provider, called, code }) => ({ provider, called, code }))).toEqual([
      { provider: 'polygon', called: true, code: 'RATE_LIMITED' },
      { provider: 'coinmarketcap', called: false, code: 'AUTH_FAILED' },
      { provider: 'alpha-vantage', called: true, code: 'RATE_LIMITED' },
    ]);
    expect(result.failures[1]?.message).toBe('no API key set for CoinMarketCap: add one in Data providers');
    expect(result.failures[2]?.message).toContain('standard API call frequency is 5 calls per minute');
    expect([requests('polygon'), requests('coinmarketcap'), requests('alpha-vantage'), requests('yahoo')]).toEqual([1, 0, 1, 1]);
    expect(venue.calls).toBe(0); // below the answer: never asked
  });

  it('reports every source\'s failure when none answers', async () => {
    apis.yahoo.route = () => ({ status: 404, body: yahooError });
    apis.coinmarketcap.route = () => ({ status: 500, body: 'upstream exploded' });
    apis['alpha-vantage'].route = () => ({ body: avNote });
    apis.polygon.route = () => ({ status: 403, body: { status: 'NOT_AUTHORIZED', message: 'You are not entitled to this data.' } });
    venue.failure = venueDown();
    const result = await aggregator(['binance', 'yahoo', 'coinmarketcap', 'alpha-vantage', 'polygon']).quote('BTC/USDT');

    expect(result.quote).toBeUndefined();
    expect(result.failures.map((f) => [f.provider, f.code])).toEqual([
      ['binance', 'VENUE_UNAVAILABLE'],
      ['yahoo', 'NOT_FOUND'],
      ['coinmarketcap', 'VENUE_UNAVAILABLE'],
      ['alpha-vantage', 'RATE_LIMITED'],
      ['polygon', 'AUTH_FAILED'],
    ]);
    expect(result.failures.map((f) => f.message)).toEqual([
      'Binance is unreachable (ECONNREFUSED)',
      'Yahoo Finance: Not Found — No data found, symbol may be delisted',
      'CoinMarketCap answered HTTP 500',
      expect.stringContaining('Alpha Vantage is throttling this key'),
      expect.stringContaining('Polygon refused the request: You are not entitled to this data.'),
    ]);
  });

  it('answers from the cache within the TTL, with the price ageing, and asks again after it', async () => {
    const agg = aggregator(['yahoo'], 10_000);
    const first = await agg.quote('BTC/USDT');
    now += 9_999;
    const second = await agg.quote('BTC/USDT');
    expect(requests('yahoo')).toBe(1);
    expect(second.quote).toMatchObject({ price: 64_002, cached: true });
    expect(second.quote!.ageMs - first.quote!.ageMs).toBe(9_999);

    now += 1;
    const third = await agg.quote('BTC/USDT');
    expect(requests('yahoo')).toBe(2);
    expect(third.quote?.cached).toBe(false);
  });

  it('keeps a source\'s failure for the TTL too, so a failing source is not hammered', async () => {
    apis.polygon.route = () => ({ status: 500, body: polygonError('internal error') });
    const agg = aggregator(['polygon', 'yahoo'], 10_000);
    await agg.quote('BTC/USDT');
    now += 5_000;
    const again = await agg.quote('BTC/USDT');
    expect(requests('polygon')).toBe(1);
    expect(again.failures[0]).toMatchObject({ provider: 'polygon', code: 'VENUE_UNAVAILABLE', message: 'Polygon: internal error' });
  });

  it('skips Alpha Vantage at 5 requests a minute without calling it, then asks it again a minute later', async () => {
    const agg = aggregator(['alpha-vantage', 'yahoo']);
    // Five symbols: a price already fetched would come from the cache and cost no request.
    for (let i = 0; i < 5; i++) {
      expect((await agg.quote(`C${i}/USDT`)).quote?.provider).toBe('alpha-vantage');
      now += 1_000;
    }
    const sixth = await agg.quote('BTC/USDT');
    expect(requests('alpha-vantage')).toBe(5);
    expect(sixth.quote?.provider).toBe('yahoo');
    expect(sixth.failures).toEqual([
      {
        provider: 'alpha-vantage',
        name: 'Alpha Vantage',
        called: false,
        code: 'RATE_LIMITED',
        message: 'Alpha Vantage was not asked: its limit of 5/min is used up; next request in 55 s',
        retryAfterMs: 55_000,
      },
    ]);
    now += 55_000; // the first of the five leaves the window
    expect((await agg.quote('ETH/USDT')).quote?.provider).toBe('alpha-vantage');
    expect(requests('alpha-vantage')).toBe(6);
  });

  it('stops at Alpha Vantage\'s 25 requests a day even when each minute has room', async () => {
    const agg = aggregator(['alpha-vantage']);
    for (let i = 0; i < 25; i++) {
      expect((await agg.quote(`C${i}/USDT`)).quote?.provider).toBe('alpha-vantage');
      now += 13_000; // under 5 a minute
    }
    now += 60_000;
    const over = await agg.quote('BTC/USDT');
    expect(requests('alpha-vantage')).toBe(25);
    expect(over.failures[0]).toMatchObject({ called: false, code: 'RATE_LIMITED' });
    expect(over.failures[0]?.message).toContain('its limit of 25/day is used up');
  });

  it('reuses a provider\'s price for as long as its daily allowance affords: Alpha Vantage 24 h / 25', async () => {
    const agg = aggregator(['alpha-vantage'], 15_000);
    await agg.quote('BTC/USDT');
    now += 3_456_000 - 1; // 24 h / 25, less 1 ms
    expect((await agg.quote('BTC/USDT')).quote).toMatchObject({ provider: 'alpha-vantage', cached: true, ageMs: 1_000 + 3_456_000 - 1 });
    now += 1;
    expect((await agg.quote('BTC/USDT')).quote?.cached).toBe(false);
    expect(requests('alpha-vantage')).toBe(2);
  });

  it('holds a provider back for its Retry-After after it answered 429', async () => {
    apis.polygon.route = () => ({ status: 429, headers: { 'retry-after': '30' }, body: polygonError('too many') });
    const agg = aggregator(['polygon', 'yahoo'], 1_000);
    await agg.quote('BTC/USDT');
    now += 20_000; // past the TTL, inside the pause
    const paused = await agg.quote('BTC/USDT');
    expect(requests('polygon')).toBe(1);
    expect(paused.failures[0]).toMatchObject({ provider: 'polygon', called: false, code: 'RATE_LIMITED' });
    now += 10_000;
    await agg.quote('BTC/USDT');
    expect(requests('polygon')).toBe(2);
  });

  it('never sends or reports a key in a failure, even when the server echoes it', async () => {
    apis.coinmarketcap.route = (req) => ({
      status: 401,
      body: { status: { error_code: 1001, error_message: `This API Key is invalid: ${String(req.headers['x-cmc_pro_api_key'])}` } },
    });
    const result = await aggregator(['coinmarketcap']).quote('BTC/USDT');
    expect(result.failures[0]?.code).toBe('AUTH_FAILED');
    expect(JSON.stringify(result)).not.toContain('key-of-coinmarketcap');
  });
});

describe('MarketDataAggregator.compare', () => {
  it('puts every source\'s price, pair and age side by side in priority order, failures included', async () => {
    apis.polygon.route = () => ({ status: 429, body: polygonError('too many') });
    const agg = aggregator(['binance', 'yahoo', 'coinmarketcap', 'alpha-vantage', 'polygon']);
    const result = await agg.compare('BTC/USDT');
    expect(result.symbol).toBe('BTC/USDT');
    expect(
      result.rows.map((row) =>
        row.ok ? [row.quote.provider, row.quote.pair, row.quote.price, row.quote.ageMs] : [row.failure.provider, row.failure.code],
      ),
    ).toEqual([
      ['binance', 'BTC/USDT', 64_005, 6_000],
      ['yahoo', 'BTC-USD', 64_002, 1_000],
      ['coinmarketcap', 'BTC/USD', 64_001, 1_000],
      ['alpha-vantage', 'BTC/USD', 64_003, 1_000],
      ['polygon', 'RATE_LIMITED'],
    ]);
    // One request per source: a quote right after reuses what compare fetched.
    expect((await agg.quote('BTC/USDT')).quote).toMatchObject({ provider: 'binance', cached: true });
    expect([requests('yahoo'), requests('coinmarketcap'), requests('alpha-vantage'), requests('polygon'), venue.calls]).toEqual([1, 1, 1, 1, 1]);
  });
});
