// Each data API against a local fake speaking its documented JSON: what the provider sends (path, query, key
// header), how it reads a success, and which error code each documented error shape becomes.
import { createServer, type AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { AppError } from '../../../src-shared';
import {
  T0,
  avDailyInformation,
  avErrorMessage,
  avExchangeRate,
  avIntraday,
  avNote,
  cmcError,
  cmcQuote,
  polygonAggs,
  polygonError,
  polygonLastTrade,
  polygonNotAuthorized,
  yahooChart,
  yahooError,
} from '../../../fakes/data-providers/documented-json';
import { startFakeServer } from '../../../fakes/data-providers';
import { AlphaVantageProvider } from './alpha-vantage';
import { CoinMarketCapProvider } from './coinmarketcap';
import { PolygonProvider } from './polygon';
import { YahooProvider } from './yahoo';

const KEY = 'test-key-9f8e7d';

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('CoinMarketCap', () => {
  it('asks /v2/cryptocurrency/quotes/latest for the base in USD with the key header, and reads the price', async () => {
    const fake = await startFakeServer(() => ({ body: cmcQuote('BTC', 64_123.45) }));
    const quote = await new CoinMarketCapProvider(fake.url).quote('BTC/USDT', { apiKey: KEY });
    expect(quote).toEqual({ pair: 'BTC/USD', price: 64_123.45, timestamp: T0 });
    const [request] = fake.requests;
    expect(request?.path).toBe('/v2/cryptocurrency/quotes/latest');
    expect(request?.query.get('symbol')).toBe('BTC');
    expect(request?.query.get('convert')).toBe('USD');
    expect(request?.headers['x-cmc_pro_api_key']).toBe(KEY);
  });

  it('turns status.error_code into codes: 1008 rate limited (with Retry-After), 1001 auth, 400 not found', async () => {
    const fake = await startFakeServer(() => ({
      status: 429,
      headers: { 'retry-after': '42' },
      body: cmcError(1008, "You've exceeded your API Key's HTTP request rate limit. Rate limits reset every minute."),
    }));
    const provider = new CoinMarketCapProvider(fake.url);
    const limited = await failure(provider.quote('BTC/USDT', { apiKey: KEY }));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.retryAfterMs).toBe(42_000);

    fake.route = () => ({ status: 401, body: cmcError(1001, 'This API Key is invalid.') });
    expect((await failure(provider.quote('BTC/USDT', { apiKey: KEY }))).code).toBe('AUTH_FAILED');

    fake.route = () => ({ status: 400, body: cmcError(400, 'Invalid value for "symbol": "NOPE"') });
    const unknown = await failure(provider.quote('NOPE/USDT', { apiKey: KEY }));
    expect(unknown.code).toBe('NOT_FOUND');
    expect(unknown.message).toContain('Invalid value for "symbol"');
  });
});

describe('Yahoo Finance', () => {
  it('maps BTC/USDT to BTC-USD and reads meta.regularMarketPrice and its time', async () => {
    const fake = await startFakeServer(() => ({ body: yahooChart('BTC-USD', 64_050) }));
    const quote = await new YahooProvider(fake.url).quote('BTC/USDT');
    expect(quote).toEqual({ pair: 'BTC-USD', price: 64_050, timestamp: Math.floor(T0 / 1000) * 1000 });
    expect(fake.requests[0]?.path).toBe('/v8/finance/chart/BTC-USD');
    expect(fake.requests[0]?.query.get('interval')).toBe('1m');
  });

  it('reads candles from timestamp[] and indicators.quote, leaving out bars without trades', async () => {
    const m = 60_000;
    const bars: Parameters<typeof yahooChart>[2] = [
      [T0 - 3 * m, 100, 110, 90, 105, 7],
      [T0 - 2 * m, null, null, null, null, null],
      [T0 - m, 105, 112, 101, 111, 9],
    ];
    const fake = await startFakeServer(() => ({ body: yahooChart('ETH-USD', 111, bars) }));
    const candles = await new YahooProvider(fake.url).candles('ETH/USDC', '1m', { limit: 2 });
    expect(candles).toEqual([
      { time: T0 - 3 * m, open: 100, high: 110, low: 90, close: 105, volume: 7 },
      { time: T0 - m, open: 105, high: 112, low: 101, close: 111, volume: 9 },
    ]);
    expect(fake.requests[0]?.query.get('range')).toBe('1d');
  });

  it('reports chart.error as NOT_FOUND with Yahoo\'s description, and has no 4h candles', async () => {
    const fake = await startFakeServer(() => ({ status: 404, body: yahooError }));
    const provider = new YahooProvider(fake.url);
    const error = await failure(provider.quote('NOPE/USDT'));
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toContain('No data found, symbol may be delisted');
    expect((await failure(provider.candles('BTC/USDT', '4h', { limit: 10 }))).code).toBe('NOT_FOUND');
  });
});

describe('Alpha Vantage', () => {
  it('asks CURRENCY_EXCHANGE_RATE with the key in the query and reads rate, time, bid and ask', async () => {
    const fake = await startFakeServer(() => ({ body: avExchangeRate('BTC', 'USD', 64_010) }));
    const quote = await new AlphaVantageProvider(fake.url).quote('BTC/USDT', { apiKey: KEY });
    expect(quote).toEqual({ pair: 'BTC/USD', price: 64_010, bid: 64_009, ask: 64_011, timestamp: T0 });
    const query = fake.requests[0]?.query;
    expect(query?.get('function')).toBe('CURRENCY_EXCHANGE_RATE');
    expect(query?.get('from_currency')).toBe('BTC');
    expect(query?.get('to_currency')).toBe('USD');
    expect(query?.get('apikey')).toBe(KEY);
  });

  it('reads CRYPTO_INTRADAY candles, oldest first', async () => {
    const fake = await startFakeServer(() => ({
      body: avIntraday('5min', {
        '2026-11-27 12:00:00': ['101', '103', '100', '102', '5.5'],
        '2026-11-27 11:55:00': ['99', '101', '98', '101', '4'],
      }),
    }));
    const candles = await new AlphaVantageProvider(fake.url).candles('BTC/USD', '5m', { limit: 10 }, { apiKey: KEY });
    expect(candles).toEqual([
      { time: T0 - 300_000, open: 99, high: 101, low: 98, close: 101, volume: 4 },
      { time: T0, open: 101, high: 103, low: 100, close: 102, volume: 5.5 },
    ]);
    expect(fake.requests[0]?.query.get('interval')).toBe('5min');
  });

  it('treats the HTTP 200 "Note" and "Information" throttle replies as rate limited, "Error Message" as not found', async () => {
    const fake = await startFakeServer(() => ({ body: avNote }));
    const now = T0;
    const provider = new AlphaVantageProvider(fake.url, () => now);
    const minute = await failure(provider.quote('BTC/USDT', { apiKey: KEY }));
    expect(minute.code).toBe('RATE_LIMITED');
    expect(minute.retryAfterMs).toBe(60_000);

    fake.route = () => ({ body: avDailyInformation });
    const daily = await failure(provider.quote('BTC/USDT', { apiKey: KEY }));
    expect(daily.code).toBe('RATE_LIMITED');
    expect(daily.retryAfterMs).toBe(12 * 3_600_000); // until midnight UTC: T0 is noon

    fake.route = () => ({ body: avErrorMessage });
    expect((await failure(provider.quote('BTC/USDT', { apiKey: KEY }))).code).toBe('NOT_FOUND');
  });
});

describe('Polygon', () => {
  it('asks /v1/last/crypto/BTC/USD with a bearer key (not in the URL) and reads the last trade', async () => {
    const fake = await startFakeServer(() => ({ body: polygonLastTrade('BTC-USD', 64_200.5) }));
    const quote = await new PolygonProvider(fake.url).quote('BTC/USDT', { apiKey: KEY });
    expect(quote).toEqual({ pair: 'X:BTCUSD', price: 64_200.5, timestamp: T0 });
    expect(fake.requests[0]?.path).toBe('/v1/last/crypto/BTC/USD');
    expect(fake.requests[0]?.headers.authorization).toBe(`Bearer ${KEY}`);
    expect(fake.requests[0]?.query.toString()).not.toContain(KEY);
  });

  it('reads /v2/aggs/ticker/X:BTCUSD/range/1/hour/{from}/{to} results', async () => {
    const h = 3_600_000;
    const fake = await startFakeServer(() => ({
      body: polygonAggs('X:BTCUSD', [
        { t: T0 - 2 * h, o: 10, h: 12, l: 9, c: 11, v: 3 },
        { t: T0 - h, o: 11, h: 13, l: 10, c: 12, v: 4 },
      ]),
    }));
    const candles = await new PolygonProvider(fake.url).candles('BTC/USDT', '1h', { limit: 2, before: T0 }, { apiKey: KEY });
    expect(candles.map((c) => c.time)).toEqual([T0 - 2 * h, T0 - h]);
    expect(fake.requests[0]?.path).toBe(`/v2/aggs/ticker/X:BTCUSD/range/1/hour/${T0 - 1 - 2 * h}/${T0 - 1}`);
  });

  it('turns status ERROR with 429 into RATE_LIMITED and NOT_AUTHORIZED into AUTH_FAILED', async () => {
    const fake = await startFakeServer(() => ({
      status: 429,
      body: polygonError("You've exceeded the maximum requests per minute, please wait or upgrade your subscription to continue."),
    }));
    const provider = new PolygonProvider(fake.url);
    const limited = await failure(provider.quote('BTC/USDT', { apiKey: KEY }));
    expect(limited.code).toBe('RATE_LIMITED');
    expect(limited.message).toContain('maximum requests per minute');

    fake.route = () => ({ status: 403, body: polygonNotAuthorized });
    expect((await failure(provider.quote('BTC/USDT', { apiKey: KEY }))).code).toBe('AUTH_FAILED');

    fake.route = () => ({ status: 500, body: polygonError('internal error') });
    expect((await failure(provider.quote('BTC/USDT', { apiKey: KEY }))).code).toBe('VENUE_UNAVAILABLE');
  });
});

describe('transport failures', () => {
  it('says a provider is unreachable without echoing the URL or the key', async () => {
    // A port that was free a moment ago: bind to learn one, then close it so the connection is refused.
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const error = await failure(new AlphaVantageProvider(`http://127.0.0.1:${port}`).quote('BTC/USDT', { apiKey: KEY }));
    expect(error.code).toBe('VENUE_UNAVAILABLE');
    expect(error.message).toContain('Alpha Vantage is unreachable');
    expect(error.message).not.toContain(KEY);
    expect(error.message).not.toContain(String(port));
  });
});
