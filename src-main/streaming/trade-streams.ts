// The public tape of a symbol (time & sales), shared between windows. A late subscriber first gets the recent
// trades, so its tape is not empty until the next trade. Trades are not backfilled after a reconnect (venues do not
// page their public tape reliably); the status tells the trader the tape was interrupted.
import type { PublicTrade, VenueId } from '../../src-shared';
import type { LiveCandleSource } from '../exchanges';
import { SharedStreams, type StreamKey } from './shared-streams';

export type TapeKey = StreamKey;

/** Trades a late subscriber gets at once. */
export const RECENT_TRADES_KEPT = 50;

export class TradeStreams extends SharedStreams<PublicTrade[]> {
  constructor(sources: (venue: VenueId) => LiveCandleSource | undefined) {
    super(sources, {
      what: 'trades',
      watch: (source, symbol, onTrades, onStatus) => source.watchTrades?.(symbol, onTrades, onStatus),
      keep: (kept, trades) => [...(kept ?? []), ...trades].slice(-RECENT_TRADES_KEPT),
    });
  }
}
