// The four data APIs, each behind its own fake server answering documented JSON, plus a scriptable exchange, for
// aggregator and service tests.
import { AppError, type Candle, type Market, type Symbol, type Ticker, type Timeframe } from '../../../src-shared';
import type { CandleQuery, MarketDataVenue } from '../../exchanges';
import { avExchangeRate, cmcQuote, polygonLastTrade, T0, yahooChart } from './documented-json';
import { startFakeServer, type FakeServer } from './fake-server';

export interface FakeApis {
  coinmarketcap: FakeServer;
  yahoo: FakeServer;
  'alpha-vantage': FakeServer;
  polygon: FakeServer;
}

/** Every API healthy, each with its own price so a test can tell who answered. */
export async function startFakeApis(): Promise<FakeApis> {
  return {
    coinmarketcap: await startFakeServer(() => ({ body: cmcQuote('BTC', 64_001) })),
    yahoo: await startFakeServer(() => ({ body: yahooChart('BTC-USD', 64_002) })),
    'alpha-vantage': await startFakeServer(() => ({ body: avExchangeRate('BTC', 'USD', 64_003) })),
    polygon: await startFakeServer(() => ({ body: polygonLastTrade('BTC-USD', 64_004) })),
  };
}

export function urlsOf(apis: FakeApis) {
  return {
    coinmarketcap: apis.coinmarketcap.url,
    yahoo: apis.yahoo.url,
    'alpha-vantage': apis['alpha-vantage'].url,
    polygon: apis.polygon.url,
  };
}

/** An exchange whose ticker and candles a test sets, counting calls. */
export class ScriptedVenue implements MarketDataVenue {
  readonly id = 'binance' as const;
  calls = 0;
  price = 64_005;
  timestamp = T0 - 5_000;
  failure: AppError | undefined;
  bars: Candle[] = [];

  async markets(): Promise<Market[]> {
    return [];
  }

  async ticker(symbol: Symbol): Promise<Ticker> {
    this.calls++;
    if (this.failure) throw this.failure;
    return { venue: this.id, symbol, last: this.price, bid: this.price - 0.5, ask: this.price + 0.5, timestamp: this.timestamp };
  }

  async candles(_symbol: Symbol, _timeframe: Timeframe, query: CandleQuery): Promise<Candle[]> {
    this.calls++;
    if (this.failure) throw this.failure;
    return this.bars.slice(-query.limit);
  }
}

export const venueDown = () => new AppError('VENUE_UNAVAILABLE', 'Binance is unreachable (ECONNREFUSED)');
