// Polygon.io (now also branded Massive): crypto tickers are `X:BTCUSD`.
// Quote: GET /v1/last/crypto/{from}/{to} → `{ status: "success", symbol: "BTC-USD", last: { price, size, exchange,
// conditions, timestamp (ms) } }` — the crypto "Last Trade" endpoint; /v2/last/trade is for stocks only.
// Candles: GET /v2/aggs/ticker/X:BTCUSD/range/{multiplier}/{timespan}/{from}/{to} (ms) → `{ status: "OK",
// resultsCount, results: [{ t, o, h, l, c, v, vw, n }] }`; a window without trades has no bar.
// Errors: `{ status: "ERROR", request_id, error }` (429 when over the limit) or `{ status: "NOT_AUTHORIZED",
// message }` (plan does not include the data). Key as `Authorization: Bearer` so it stays out of URLs.
// Limits: the free (Basic) plan allows 5 API requests per minute — polygon.io knowledge base, "What is the request
// limit for Polygon's RESTful APIs?".
import { AppError, timeframeMs, type Candle, type Symbol, type Timeframe } from '../../../src-shared';
import { getJson, invalidResponse, positiveNumber, retryAfterMs, statusError } from '../http';
import type { CandleRange, MarketDataProvider, ProviderCall, ProviderQuote } from '../ports';
import { RATE } from '../rate-limiter';
import { fiatPair } from '../symbols';

export const POLYGON_URL = 'https://api.polygon.io';
const NAME = 'Polygon';

const SPANS: Record<Timeframe, [multiplier: number, timespan: string]> = {
  '1m': [1, 'minute'],
  '5m': [5, 'minute'],
  '15m': [15, 'minute'],
  '1h': [1, 'hour'],
  '4h': [4, 'hour'],
  '1d': [1, 'day'],
};

type Json = Record<string, unknown>;

export function polygonTicker(symbol: Symbol): string {
  const { base, quote } = fiatPair(symbol);
  return `X:${base}${quote}`;
}

export class PolygonProvider implements MarketDataProvider {
  readonly id = 'polygon' as const;
  readonly name = NAME;
  readonly kind = 'data-api' as const;
  readonly needsKey = true;
  readonly capabilities = ['quote', 'candles'] as const;
  readonly rateLimit = [{ intervalMs: RATE.MINUTE, limit: 5 }];

  constructor(
    private readonly baseUrl: string = POLYGON_URL,
    private readonly now: () => number = Date.now,
  ) {}

  async quote(symbol: Symbol, call: ProviderCall): Promise<ProviderQuote> {
    const { base, quote } = fiatPair(symbol);
    const body = await this.get(`/v1/last/crypto/${encodeURIComponent(base)}/${encodeURIComponent(quote)}`, call);
    const last = body['last'] as Json | undefined;
    const price = positiveNumber(last?.['price']);
    const timestamp = Number(last?.['timestamp']);
    if (price === undefined || !Number.isFinite(timestamp)) throw invalidResponse(NAME, 'a last trade');
    return { pair: polygonTicker(symbol), price, timestamp };
  }

  async candles(symbol: Symbol, timeframe: Timeframe, range: CandleRange, call: ProviderCall): Promise<Candle[]> {
    const [multiplier, timespan] = SPANS[timeframe];
    const to = (range.before ?? this.now()) - 1;
    const from = to - range.limit * timeframeMs(timeframe);
    // The ticker is sent as documented (`X:BTCUSD`, colon unescaped); Symbol's pattern allows only A-Z and 0-9 in it.
    const path = `/v2/aggs/ticker/${polygonTicker(symbol)}/range/${multiplier}/${timespan}/${from}/${to}`;
    const body = await this.get(path, call, { adjusted: 'true', sort: 'asc', limit: '50000' });
    const results = Array.isArray(body['results']) ? (body['results'] as Json[]) : [];
    const before = range.before ?? Infinity;
    const candles: Candle[] = [];
    for (const bar of results) {
      const [open, high, low, close] = [bar['o'], bar['h'], bar['l'], bar['c']].map(positiveNumber);
      const time = Number(bar['t']);
      const volume = Number(bar['v'] ?? 0);
      if (!open || !high || !low || !close || !Number.isFinite(time) || time >= before) continue;
      candles.push({ time, open, high, low, close, volume: Number.isFinite(volume) && volume > 0 ? volume : 0 });
    }
    return candles.slice(-range.limit);
  }

  private async get(path: string, { apiKey }: ProviderCall, params: Record<string, string> = {}): Promise<Json> {
    const url = new URL(path, this.baseUrl);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const response = await getJson(NAME, url, { headers: { Authorization: `Bearer ${apiKey ?? ''}` }, secrets: [apiKey] });
    const body = (response.body ?? {}) as Json;
    const status = String(body['status'] ?? '');
    const says = String(body['error'] ?? body['message'] ?? '');
    const retryAfter = retryAfterMs(response.retryAfter, RATE.MINUTE);
    if (response.status === 429 || /exceeded the maximum requests/i.test(says)) {
      throw new AppError('RATE_LIMITED', `${NAME} rate limit reached${says ? `: ${says}` : ''}`, true, { retryAfterMs: retryAfter });
    }
    if (status === 'NOT_AUTHORIZED' || response.status === 401 || response.status === 403) {
      throw new AppError('AUTH_FAILED', `${NAME} refused the request${says ? `: ${says}` : ''}; check the key and plan in Data providers`);
    }
    if (status === 'ERROR' || status === 'NOT_FOUND' || response.status !== 200) {
      if (says && response.status !== 200 && response.status !== 404) throw new AppError('VENUE_UNAVAILABLE', `${NAME}: ${says}`);
      if (says) throw new AppError('NOT_FOUND', `${NAME}: ${says}`);
      throw statusError(NAME, response.status, retryAfter);
    }
    return body;
  }
}
