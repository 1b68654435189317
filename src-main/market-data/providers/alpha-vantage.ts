// Alpha Vantage: one endpoint, GET /query?function=…&apikey=… (the key must travel in the query string).
// Quote: CURRENCY_EXCHANGE_RATE&from_currency=BTC&to_currency=USD → `"Realtime Currency Exchange Rate"` with
// "5. Exchange Rate", "6. Last Refreshed" ("YYYY-MM-DD hh:mm:ss"), "7. Time Zone", "8. Bid Price", "9. Ask Price".
// Candles: CRYPTO_INTRADAY&symbol=BTC&market=USD&interval=5min → `"Time Series Crypto (5min)"`, and
// DIGITAL_CURRENCY_DAILY → `"Time Series (Digital Currency Daily)"`, each keyed by time with "1. open" … "5. volume".
// Errors come with HTTP 200: `{"Error Message": …}` for a bad call, `{"Note": …}` or `{"Information": …}` when
// throttled ("…standard API rate limit is 25 requests per day…") or when the endpoint needs a premium plan —
// alphavantage.co/documentation and /support. Limits (free key): 5 requests/min and 25 requests/day
// (alphavantage.co/support/#api-key; the throttle Note names the per-minute figure).
import { AppError, type Candle, type Symbol, type Timeframe } from '../../../src-shared';
import { getJson, invalidResponse, positiveNumber, retryAfterMs, statusError } from '../http';
import type { CandleRange, MarketDataProvider, ProviderCall, ProviderQuote } from '../ports';
import { RATE } from '../rate-limiter';
import { fiatPair } from '../symbols';

export const ALPHA_VANTAGE_URL = 'https://www.alphavantage.co';
const NAME = 'Alpha Vantage';

const INTRADAY: Partial<Record<Timeframe, string>> = { '1m': '1min', '5m': '5min', '15m': '15min', '1h': '60min' };

type Json = Record<string, unknown>;

export class AlphaVantageProvider implements MarketDataProvider {
  readonly id = 'alpha-vantage' as const;
  readonly name = NAME;
  readonly kind = 'data-api' as const;
  readonly needsKey = true;
  readonly capabilities = ['quote', 'candles'] as const;
  readonly rateLimit = [
    { intervalMs: RATE.MINUTE, limit: 5 },
    { intervalMs: RATE.DAY, limit: 25 },
  ];

  constructor(
    private readonly baseUrl: string = ALPHA_VANTAGE_URL,
    private readonly now: () => number = Date.now,
  ) {}

  async quote(symbol: Symbol, call: ProviderCall): Promise<ProviderQuote> {
    const { base, quote } = fiatPair(symbol);
    const body = await this.query({ function: 'CURRENCY_EXCHANGE_RATE', from_currency: base, to_currency: quote }, call);
    const rate = body['Realtime Currency Exchange Rate'] as Json | undefined;
    const price = positiveNumber(rate?.['5. Exchange Rate']);
    if (!rate || price === undefined) throw invalidResponse(NAME, 'an exchange rate');
    const timestamp = parseTime(rate['6. Last Refreshed']);
    const bid = positiveNumber(rate['8. Bid Price']);
    const ask = positiveNumber(rate['9. Ask Price']);
    return { pair: `${base}/${quote}`, price, timestamp, ...(bid ? { bid } : {}), ...(ask ? { ask } : {}) };
  }

  async candles(symbol: Symbol, timeframe: Timeframe, range: CandleRange, call: ProviderCall): Promise<Candle[]> {
    const { base, quote } = fiatPair(symbol);
    const interval = INTRADAY[timeframe];
    if (!interval && timeframe !== '1d') throw new AppError('NOT_FOUND', `${NAME} has no ${timeframe} candles`);
    const params: Record<string, string> = interval
      ? { function: 'CRYPTO_INTRADAY', symbol: base, market: quote, interval, outputsize: range.limit > 100 ? 'full' : 'compact' }
      : { function: 'DIGITAL_CURRENCY_DAILY', symbol: base, market: quote };
    const body = await this.query(params, call);
    const seriesKey = Object.keys(body).find((key) => key.startsWith('Time Series'));
    const series = seriesKey ? (body[seriesKey] as Record<string, Json>) : undefined;
    if (!series) throw invalidResponse(NAME, 'a time series');
    const before = range.before ?? Infinity;
    return Object.entries(series)
      .map(([time, bar]) => toCandle(parseTime(time), bar))
      .filter((c): c is Candle => c !== undefined && c.time < before)
      .sort((a, b) => a.time - b.time)
      .slice(-range.limit);
  }

  private async query(params: Record<string, string>, { apiKey }: ProviderCall): Promise<Json> {
    const url = new URL('/query', this.baseUrl);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    url.searchParams.set('apikey', apiKey ?? '');
    const response = await getJson(NAME, url, { secrets: [apiKey] });
    if (response.status !== 200) throw statusError(NAME, response.status, retryAfterMs(response.retryAfter, RATE.MINUTE));
    const body = (response.body ?? {}) as Json;
    const throttle = body['Note'] ?? body['Information'];
    if (typeof throttle === 'string') throw this.throttled(throttle);
    if (typeof body['Error Message'] === 'string') {
      throw new AppError('NOT_FOUND', `${NAME} rejected the request: ${body['Error Message']}`);
    }
    return body;
  }

  /** "Note"/"Information" answers arrive as HTTP 200: a throttle, or an endpoint outside the key's plan. */
  private throttled(text: string): AppError {
    if (/premium/i.test(text) && !/rate limit|call frequency|per day|per minute/i.test(text)) {
      return new AppError('AUTH_FAILED', `${NAME}: this data needs a premium plan (${text.slice(0, 200)})`);
    }
    const daily = /per day|daily/i.test(text) && !/per minute/i.test(text);
    // The daily allowance comes back at midnight UTC; the minute one within a minute.
    const now = this.now();
    const wait = daily ? RATE.DAY - (now % RATE.DAY) : RATE.MINUTE;
    return new AppError('RATE_LIMITED', `${NAME} is throttling this key: ${text.slice(0, 200)}`, true, { retryAfterMs: wait });
  }
}

function parseTime(value: unknown): number {
  const text = String(value ?? '');
  // Alpha Vantage writes "2025-01-29 04:41:02" or a bare date, without offset; its crypto and exchange-rate series
  // state "Time Zone: UTC" (stock series would use US/Eastern, which this provider never asks for).
  const iso = /^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : `${text.replace(' ', 'T')}Z`;
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) throw invalidResponse(NAME, 'a readable time');
  return time;
}

function field(bar: Json, prefix: string): unknown {
  const key = Object.keys(bar).find((k) => k.startsWith(prefix));
  return key === undefined ? undefined : bar[key];
}

function toCandle(time: number, bar: Json): Candle | undefined {
  const open = positiveNumber(field(bar, '1.'));
  const high = positiveNumber(field(bar, '2.'));
  const low = positiveNumber(field(bar, '3.'));
  const close = positiveNumber(field(bar, '4.'));
  const volume = Number(field(bar, '5.') ?? 0);
  if (!open || !high || !low || !close) return undefined;
  return { time, open, high, low, close, volume: Number.isFinite(volume) && volume > 0 ? volume : 0 };
}
