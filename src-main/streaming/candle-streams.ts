// Live candle streams shared between subscribers: one upstream watch per (venue, symbol, timeframe) however many
// windows or tabs look at it, stopped when the last one leaves.
import { AppError, type Symbol, type Timeframe, type VenueId } from '../../src-shared';
import type { CandleUpdate, LiveCandleSource } from '../exchanges';

export interface SeriesKey {
  venue: VenueId;
  symbol: Symbol;
  timeframe: Timeframe;
}

type Listener = (update: CandleUpdate) => void;

interface Stream {
  listeners: Set<Listener>;
  stop: () => void;
  last?: CandleUpdate;
}

function keyOf(series: SeriesKey): string {
  return `${series.venue}|${series.symbol}|${series.timeframe}`;
}

export class CandleStreams {
  private readonly streams = new Map<string, Stream>();

  constructor(private readonly sources: (venue: VenueId) => LiveCandleSource | undefined) {}

  /** Number of upstream watches running: what reference counting saves. */
  get activeStreams(): number {
    return this.streams.size;
  }

  subscribe(series: SeriesKey, listener: Listener): () => void {
    const key = keyOf(series);
    let stream = this.streams.get(key);
    if (stream) {
      stream.listeners.add(listener);
      // A late subscriber gets the current candle at once instead of waiting for the next tick.
      if (stream.last) listener(stream.last);
    } else {
      stream = this.open(key, series, listener);
    }
    const subscribed = stream;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      subscribed.listeners.delete(listener);
      if (subscribed.listeners.size === 0 && this.streams.get(key) === subscribed) {
        this.streams.delete(key);
        subscribed.stop();
      }
    };
  }

  private open(key: string, series: SeriesKey, first: Listener): Stream {
    const source = this.sources(series.venue);
    if (!source) throw new AppError('VENUE_UNAVAILABLE', `${series.venue} has no live data connection`);
    // The listener is in before the watch starts: a source may deliver the current candle synchronously.
    const stream: Stream = { listeners: new Set([first]), stop: () => {} };
    this.streams.set(key, stream);
    try {
      stream.stop = source.watchCandles(series.symbol, series.timeframe, (update) => {
        stream.last = update;
        for (const listener of stream.listeners) {
          try {
            listener(update);
          } catch (error) {
            console.error(`candle listener for ${key} failed`, error);
          }
        }
      });
    } catch (error) {
      this.streams.delete(key);
      throw error;
    }
    return stream;
  }

  close(): void {
    for (const stream of this.streams.values()) stream.stop();
    this.streams.clear();
  }
}
