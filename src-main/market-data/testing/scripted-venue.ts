// A scriptable exchange for the aggregator and service tests: an in-memory stand-in at the MarketDataVenue port.
import { AppError, type Candle, type Market, type Symbol, type Ticker, type Timeframe } from '../../../src-shared';
import type { CandleQuery, MarketDataVenue } from '../../exchanges';
import { T0 } from '../../../fakes/data-providers/documented-json';

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
