// Yahoo Finance chart API: no key, candles and the latest price from one endpoint.
// GET /v8/finance/chart/{symbol}?interval=5m&range=1d (or period1/period2 in seconds for older pages). Success:
// `chart.result[0]` with `meta.regularMarketPrice`, `meta.regularMarketTime` (s), `timestamp[]` (s) and
// `indicators.quote[0].{open,high,low,close,volume}[]` where a bar without trades is null; failure:
// `chart.error { code, description }` with `result: null` (e.g. "Not Found" / "No data found, symbol may be
// delisted"). Unofficial and undocumented: shapes as the yfinance and yahoo-finance2 projects read them.
// Symbols: Yahoo names crypto pairs BASE-QUOTE in fiat, so BTC/USDT is asked as BTC-USD (symbols.ts).
// Limits: none published; yfinance users report HTTP 429 after bursts of a few hundred requests. 60/min keeps a
// chart and the comparison panel well below that.
import { AppError, timeframeMs, type Candle, type Symbol, type Timeframe } from '../../../src-shared';
import { getJson, invalidResponse, positiveNumber, retryAfterMs, statusError } from '../http';
import type { CandleRange, MarketDataProvider, ProviderQuote } from '../ports';
import { RATE } from '../rate-limiter';
import { fiatPair } from '../symbols';

export const YAHOO_URL = 'https://query1.finance.yahoo.com';
const NAME = 'Yahoo Finance';

/** Yahoo's interval names; it has no 4-hour bars. */
const INTERVALS: Partial<Record<Timeframe, string>> = { '1m': '1m', '5m': '5m', '15m': '15m', '1h': '60m', '1d': '1d' };
/** Ranges Yahoo accepts, shortest first, with their length. */
const RANGES: Array<[string, number]> = [
  ['1d', RATE.DAY],
  ['5d', 5 * RATE.DAY],
  ['1mo', 31 * RATE.DAY],
  ['3mo', 92 * RATE.DAY],
  ['1y', 366 * RATE.DAY],
  ['5y', 5 * 366 * RATE.DAY],
  ['max', Infinity],
];

interface ChartResult {
  meta?: { regularMarketPrice?: unknown; regularMarketTime?: unknown };
  timestamp?: unknown[];
  indicators?: { quote?: Array<Record<'open' | 'high' | 'low' | 'close' | 'volume', unknown[] | undefined>> };
}

export function yahooSymbol(symbol: Symbol): string {
  const { base, quote } = fiatPair(symbol);
  return `${base}-${quote}`;
}

export class YahooProvider implements MarketDataProvider {
  readonly id = 'yahoo' as const;
  readonly name = NAME;
  readonly kind = 'data-api' as const;
  readonly needsKey = false;
  readonly capabilities = ['quote', 'candles'] as const;
  readonly rateLimit = [{ intervalMs: RATE.MINUTE, limit: 60 }];

  constructor(private readonly baseUrl: string = YAHOO_URL) {}

  async quote(symbol: Symbol): Promise<ProviderQuote> {
    const result = await this.chart(symbol, { interval: '1m', range: '1d' });
    const price = positiveNumber(result.meta?.regularMarketPrice);
    const time = Number(result.meta?.regularMarketTime);
    if (price === undefined || !Number.isFinite(time)) throw invalidResponse(NAME, 'regularMarketPrice');
    return { pair: yahooSymbol(symbol), price, timestamp: time * 1000 };
  }

  async candles(symbol: Symbol, timeframe: Timeframe, range: CandleRange): Promise<Candle[]> {
    const interval = INTERVALS[timeframe];
    if (!interval) throw new AppError('NOT_FOUND', `${NAME} has no ${timeframe} candles`);
    const span = range.limit * timeframeMs(timeframe);
    const params: Record<string, string> =
      range.before === undefined
        ? { interval, range: (RANGES.find(([, ms]) => ms >= span) ?? RANGES.at(-1)!)[0] }
        : { interval, period1: String(Math.floor((range.before - span) / 1000)), period2: String(Math.floor(range.before / 1000)) };
    const candles = toCandles(await this.chart(symbol, params));
    const before = range.before ?? Infinity;
    return candles.filter((c) => c.time < before).slice(-range.limit);
  }

  private async chart(symbol: Symbol, params: Record<string, string>): Promise<ChartResult> {
    const url = new URL(`/v8/finance/chart/${encodeURIComponent(yahooSymbol(symbol))}`, this.baseUrl);
    for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
    const response = await getJson(NAME, url);
    const chart = (response.body as { chart?: { result?: ChartResult[] | null; error?: { code?: string; description?: string } | null } })
      ?.chart;
    if (chart?.error) {
      const { code = 'error', description = '' } = chart.error;
      if (response.status === 429) throw statusError(NAME, 429, retryAfterMs(response.retryAfter, 60_000));
      const appCode = /not found|no data/i.test(`${code} ${description}`) ? 'NOT_FOUND' : 'VENUE_UNAVAILABLE';
      throw new AppError(appCode, `${NAME}: ${code}${description ? ` — ${description}` : ''}`);
    }
    if (response.status !== 200) throw statusError(NAME, response.status, retryAfterMs(response.retryAfter, 60_000));
    const result = chart?.result?.[0];
    if (!result) throw invalidResponse(NAME, 'a chart result');
    return result;
  }
}

function toCandles(result: ChartResult): Candle[] {
  const times = result.timestamp ?? [];
  const q = result.indicators?.quote?.[0];
  const candles: Candle[] = [];
  times.forEach((t, i) => {
    const open = positiveNumber(q?.open?.[i]);
    const high = positiveNumber(q?.high?.[i]);
    const low = positiveNumber(q?.low?.[i]);
    const close = positiveNumber(q?.close?.[i]);
    const volume = Number(q?.volume?.[i] ?? 0);
    // A bar without trades comes as nulls: leave it out rather than draw a zero.
    if (typeof t !== 'number' || !open || !high || !low || !close) return;
    candles.push({ time: t * 1000, open, high, low, close, volume: Number.isFinite(volume) && volume > 0 ? volume : 0 });
  });
  return candles;
}
