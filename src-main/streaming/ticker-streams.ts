// A symbol's ticker (last price, 24 h change and volume) shared between windows: the top bar of each shows it
// whatever the chart's timeframe, or with no chart at all. A late subscriber gets the last ticker at once. Every
// ticker from upstream is also the app's `price.updated` (the alerts and the risk marks read it there).
import type { Ticker, VenueId } from '../../src-shared';
import type { EventBus } from '../events';
import type { LiveCandleSource } from '../exchanges';
import { SharedStreams } from './shared-streams';

export const DEFAULT_STALE_AFTER_MS = 10_000;

export interface TickerStreamsOptions {
  /** Receives `price.updated` for every ticker of a streamed symbol. */
  bus?: EventBus;
}

export class TickerStreams extends SharedStreams<Ticker> {
  constructor(sources: (venue: VenueId) => LiveCandleSource | undefined, options: TickerStreamsOptions = {}) {
    const { bus } = options;
    super(sources, {
      what: 'ticker',
      watch: (source, symbol, onTicker, onStatus) => source.watchTicker?.(symbol, onTicker, onStatus),
      keep: (_kept, ticker) => ticker,
      // Venues push a ticker every second or so: a price silent longer is one the trader should not trust.
      staleAfterMs: (source) => source.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
      ...(bus ? { heard: (ticker: Ticker) => bus.publish('price.updated', ticker) } : {}),
    });
  }
}
