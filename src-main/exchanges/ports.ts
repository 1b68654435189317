// What the rest of the app needs from a venue's market data. The demo venue implements it now; the ccxt adapters
// implement it for real venues.
import type { Candle, Market, Symbol, Ticker, Timeframe, VenueId } from '../../src-shared';

export interface CandleQuery {
  limit: number;
  /** Only candles opening strictly before this time (paging backwards); the newest candles when absent. */
  before?: number;
}

export interface MarketDataVenue {
  readonly id: VenueId;
  markets(): Promise<Market[]>;
  ticker(symbol: Symbol): Promise<Ticker>;
  candles(symbol: Symbol, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]>;
}

/** One update of a live candle stream: the forming candle of the series and the latest ticker. */
export interface CandleUpdate {
  candle: Candle;
  ticker: Ticker;
}

/** A source of live candles; `watchCandles` returns the function that stops the stream. */
export interface LiveCandleSource {
  watchCandles(symbol: Symbol, timeframe: Timeframe, onUpdate: (update: CandleUpdate) => void): () => void;
}
