// What CandleStreams needs from a live feed. The exchanges port (`LiveCandleSource`) is the minimum every venue
// offers; a feed that knows about its own connection also reports status changes and how often it should speak.
import type { StreamStatus, Symbol, Timeframe } from '../../src-shared';
import type { CandleUpdate, LiveCandleSource } from '../exchanges';

export interface StatusChange {
  status: StreamStatus;
  /** Why, in words a trader can act on: shown next to the badge. */
  reason?: string;
  /** When the next attempt is made (reconnecting, offline): the badge counts down to it. */
  retryAt?: number;
}

export type StatusListener = (change: StatusChange) => void;

export interface StreamSource extends LiveCandleSource {
  /** Silence longer than this marks a stream stale; CandleStreams' default when absent. */
  readonly staleAfterMs?: number;
  watchCandles(
    symbol: Symbol,
    timeframe: Timeframe,
    onUpdate: (update: CandleUpdate) => void,
    onStatus?: StatusListener,
  ): () => void;
}
