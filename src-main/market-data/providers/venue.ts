// A connected exchange as a price source. Its REST calls are already paced by the exchange adapter (resilience's
// rate budget per venue), so no second limit is kept here: counting them twice would only starve the chart.
import type { Candle, Symbol, Timeframe } from '../../../src-shared';
import type { MarketDataVenue } from '../../exchanges';
import type { CandleRange, MarketDataProvider, ProviderQuote } from '../ports';

export class VenueProvider implements MarketDataProvider {
  readonly kind = 'exchange' as const;
  readonly needsKey = false;
  readonly capabilities = ['quote', 'candles'] as const;
  readonly rateLimit = [];

  constructor(
    private readonly venue: MarketDataVenue,
    readonly name: string,
  ) {}

  get id(): MarketDataVenue['id'] {
    return this.venue.id;
  }

  async quote(symbol: Symbol): Promise<ProviderQuote> {
    const ticker = await this.venue.ticker(symbol);
    return {
      pair: symbol,
      price: ticker.last,
      timestamp: ticker.timestamp,
      ...(ticker.bid === undefined ? {} : { bid: ticker.bid }),
      ...(ticker.ask === undefined ? {} : { ask: ticker.ask }),
    };
  }

  candles(symbol: Symbol, timeframe: Timeframe, range: CandleRange): Promise<Candle[]> {
    return this.venue.candles(symbol, timeframe, range.before === undefined ? { limit: range.limit } : range);
  }
}
