// A symbol's ticker (last price, 24 h change and volume) shared between windows: the top bar of each shows it
// whatever the chart's timeframe, or with no chart at all. A late subscriber gets the last ticker at once.
import type { Ticker, VenueId } from '../../src-shared';
import type { LiveCandleSource } from '../exchanges';
import type { StatusListener } from './source';
import { SharedStreams } from './shared-streams';

/** What a ticker source may offer beyond the port: status changes of its connection. */
type TickerSource = LiveCandleSource & {
  readonly staleAfterMs?: number;
  watchTicker?(symbol: string, onTicker: (ticker: Ticker) => void, onStatus?: StatusListener): () => void;
};

export const DEFAULT_STALE_AFTER_MS = 10_000;

export class TickerStreams extends SharedStreams<Ticker> {
  constructor(sources: (venue: VenueId) => TickerSource | undefined) {
    super(sources, {
      what: 'ticker',
      watch: (source: TickerSource, symbol, onTicker, onStatus) => source.watchTicker?.(symbol, onTicker, onStatus),
      keep: (_kept, ticker) => ticker,
      // Venues push a ticker every second or so: a price silent longer is one the trader should not trust.
      staleAfterMs: (source: TickerSource) => source.staleAfterMs ?? DEFAULT_STALE_AFTER_MS,
    });
  }
}
