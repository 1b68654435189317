// Real ccxt.pro Binance pointed at a FakeBinanceStream, and a MarketDataVenue over its REST klines for backfill: the
// same real ccxt code as against the venue, only the URLs differ.
import ccxt, { type Exchange } from 'ccxt';
import { timeframeMs, type Candle, type Market, type Symbol, type Ticker, type Timeframe } from '../../../src-shared';
import { normalizeCandles, type CandleQuery, type MarketDataVenue } from '../../exchanges';
import type { FakeBinanceStream } from '../../../fakes/binance';

export async function ccxtProBinance(fake: Pick<FakeBinanceStream, 'restBase' | 'wsBase'>): Promise<Exchange> {
  const ex = new ccxt.pro.binance({ options: { fetchMarkets: { types: ['spot'] } } }) as unknown as Exchange;
  const rewrite = (value: unknown): unknown =>
    typeof value === 'string'
      ? value.replace(/^https?:\/\/[^/]+/, fake.restBase)
      : Object.fromEntries(Object.entries(value as object).map(([k, v]) => [k, rewrite(v)]));
  const api = rewrite(ex.urls.api) as Record<string, Record<string, string>>;
  api.ws!.spot = fake.wsBase;
  ex.urls.api = api as Exchange['urls']['api'];
  // ccxt.pro refuses plain ws:// unless its proxy agent is loaded first (TOOLCHAIN.md).
  await ex.loadHttpProxyAgent();
  return ex;
}

/** History over ccxt's fetchOHLCV, paging by `since` like the REST adapters do. */
export function ccxtHistory(ex: Exchange): MarketDataVenue {
  return {
    id: 'binance',
    markets: async (): Promise<Market[]> => [],
    ticker: async (): Promise<Ticker> => {
      throw new Error('not used by the streaming tests');
    },
    async candles(symbol: Symbol, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]> {
      const since = query.before === undefined ? undefined : Math.max(0, query.before - query.limit * timeframeMs(timeframe));
      const rows = await ex.fetchOHLCV(symbol, timeframe, since, query.limit);
      const candles = normalizeCandles(rows);
      const before = query.before;
      return (before === undefined ? candles : candles.filter((c) => c.time < before)).slice(-query.limit);
    },
  };
}
