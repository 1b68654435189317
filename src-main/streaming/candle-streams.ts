// Live candle streams shared between subscribers: one upstream watch per (venue, symbol, timeframe) however many
// windows or tabs look at it, stopped when the last one leaves. It also owns what every feed needs alike: the
// stream's status (a silent stream turns stale), and after an interruption the missed candles fetched over REST and
// delivered, in order, before live updates resume — so the chart has no holes.
import { AppError, type Symbol, type Timeframe, type VenueId } from '../../src-shared';
import type { CandleUpdate, LiveCandleSource, MarketDataVenue, StatusChange, StatusListener } from '../exchanges';
import { fetchGap } from './backfill';
import { SilenceWatch } from './silence-watch';

export interface SeriesKey {
  venue: VenueId;
  symbol: Symbol;
  timeframe: Timeframe;
}

/** When a stream was cut off: from the moment updates stopped to the moment they came back. */
export interface OfflineWindow {
  from: number;
  to: number;
}

/** What subscribers receive: a live update, or (with `backfill`) a bar that was missed while the stream was down and has just been fetched from history. */
export interface StreamedCandle extends CandleUpdate {
  backfill?: OfflineWindow;
}

type Listener = (update: StreamedCandle) => void;

export interface CandleStreamsOptions {
  /** Where missed candles come from after an interruption; without it, gaps stay (and the status says so). */
  history?: (venue: VenueId) => MarketDataVenue | undefined;
  /** For sources that do not say how often they speak. */
  staleAfterMs?: number;
  /** After a failed backfill, live updates flow on and the next attempt waits this long. */
  backfillRetryMs?: number;
  now?: () => number;
}

interface Subscriber {
  onUpdate: Listener;
  onStatus: StatusListener | undefined;
}

interface Stream {
  key: string;
  series: SeriesKey;
  subscribers: Set<Subscriber>;
  stop: () => void;
  last?: CandleUpdate;
  status?: StatusChange;
  /** Updates may have been missed since `last`: the next one starts a backfill. */
  gap: boolean;
  /** When the open gap began (the feed dropped or fell silent): the start of the backfilled bars' offline window. */
  offlineSince?: number;
  /** Counts interruptions, so a backfill that another drop overtook does not declare the stream whole. */
  interruptions: number;
  /** Live updates held while a backfill runs. */
  held?: CandleUpdate[];
  nextBackfillAt: number;
  silence?: SilenceWatch;
  closed: boolean;
}

function keyOf(series: SeriesKey): string {
  return `${series.venue}|${series.symbol}|${series.timeframe}`;
}

export class CandleStreams {
  private readonly streams = new Map<string, Stream>();
  private readonly now: () => number;

  constructor(
    private readonly sources: (venue: VenueId) => LiveCandleSource | undefined,
    private readonly options: CandleStreamsOptions = {},
  ) {
    this.now = options.now ?? Date.now;
  }

  /** Number of upstream watches running: what reference counting saves. */
  get activeStreams(): number {
    return this.streams.size;
  }

  subscribe(series: SeriesKey, listener: Listener, onStatus?: StatusListener): () => void {
    const key = keyOf(series);
    const subscriber: Subscriber = { onUpdate: listener, onStatus };
    let stream = this.streams.get(key);
    if (stream) {
      stream.subscribers.add(subscriber);
      // A late subscriber gets the current candle and state at once instead of waiting for the next tick.
      if (stream.last) listener(stream.last);
      if (stream.status && stream.status.status !== 'live') onStatus?.(stream.status);
    } else {
      stream = this.open(key, series, subscriber);
    }
    const subscribed = stream;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      subscribed.subscribers.delete(subscriber);
      if (subscribed.subscribers.size === 0 && this.streams.get(key) === subscribed) this.end(subscribed);
    };
  }

  close(): void {
    for (const stream of [...this.streams.values()]) this.end(stream);
  }

  private open(key: string, series: SeriesKey, first: Subscriber): Stream {
    const source = this.sources(series.venue);
    if (!source) throw new AppError('VENUE_UNAVAILABLE', `${series.venue} has no live data connection`);
    // The subscriber is in before the watch starts: a source may deliver the current candle synchronously.
    const stream: Stream = {
      key,
      series,
      subscribers: new Set([first]),
      stop: () => {},
      gap: false,
      interruptions: 0,
      nextBackfillAt: 0,
      closed: false,
    };
    this.streams.set(key, stream);
    try {
      stream.stop = source.watchCandles(
        series.symbol,
        series.timeframe,
        (update) => this.received(stream, update),
        (change) => this.sourceStatus(stream, change),
      );
    } catch (error) {
      this.streams.delete(key);
      throw error;
    }
    const staleAfterMs = source.staleAfterMs ?? this.options.staleAfterMs ?? 10_000;
    stream.silence = new SilenceWatch(staleAfterMs, (quiet) => this.silent(stream, quiet), this.now);
    return stream;
  }

  private end(stream: Stream): void {
    stream.closed = true;
    stream.silence?.stop();
    this.streams.delete(stream.key);
    stream.stop();
  }

  private received(stream: Stream, update: CandleUpdate): void {
    if (stream.closed) return;
    stream.silence?.heard();
    if (stream.held) {
      stream.held.push(update);
      return;
    }
    if (stream.gap && stream.last && this.now() >= stream.nextBackfillAt) {
      void this.backfill(stream, update);
      return;
    }
    this.deliver(stream, update);
    if (!stream.gap && stream.status?.status !== 'live') this.setStatus(stream, { status: 'live' });
  }

  private sourceStatus(stream: Stream, change: StatusChange): void {
    if (stream.closed) return;
    // Live again is announced after the backfill, by the first update; the interruption opened a possible gap.
    if (change.status === 'live') return;
    stream.interruptions++;
    if (stream.last) {
      stream.gap = true;
      stream.offlineSince ??= this.now();
    }
    this.setStatus(stream, change);
  }

  private async backfill(stream: Stream, first: CandleUpdate): Promise<void> {
    const held: CandleUpdate[] = [first];
    stream.held = held;
    const interruptions = stream.interruptions;
    const { venue, symbol, timeframe } = stream.series;
    const from = stream.last!.candle.time;
    const offline: OfflineWindow = { from: stream.offlineSince ?? from, to: this.now() };
    const previous = stream.status?.status === 'stale' ? 'stale' : 'reconnecting';
    this.setStatus(stream, { status: previous, reason: 'filling the gap from history' });
    let filled = true;
    let reason = '';
    try {
      const history = this.options.history?.(venue);
      if (!history) throw new Error(`${venue} has no history to fill the gap from`);
      const missed = await fetchGap(history, symbol, timeframe, from, first.candle.time);
      if (stream.closed) return;
      for (const candle of missed) this.deliver(stream, { candle, backfill: offline });
    } catch (error) {
      filled = false;
      reason = error instanceof Error ? error.message : String(error);
    }
    if (stream.closed) return;
    stream.held = undefined;
    for (const update of held) this.deliver(stream, update);
    if (stream.interruptions !== interruptions) {
      // The feed dropped again while this ran: that drop's gap is still open and its status stands.
      return;
    }
    if (filled) {
      stream.gap = false;
      stream.offlineSince = undefined;
      this.setStatus(stream, { status: 'live' });
    } else {
      stream.nextBackfillAt = this.now() + (this.options.backfillRetryMs ?? 5_000);
      this.setStatus(stream, { status: 'stale', reason: `live again, but missed candles could not be loaded: ${reason}` });
    }
  }

  private deliver(stream: Stream, update: StreamedCandle): void {
    // Subscribers draw bars in time order; an older bar than the newest one delivered would be a hole-maker.
    if (stream.last && update.candle.time < stream.last.candle.time) return;
    stream.last = update;
    for (const subscriber of stream.subscribers) {
      try {
        subscriber.onUpdate(update);
      } catch (error) {
        console.error(`candle listener for ${stream.key} failed`, error);
      }
    }
  }

  private setStatus(stream: Stream, change: StatusChange): void {
    const current = stream.status;
    if (current && current.status === change.status && current.reason === change.reason) return;
    stream.status = change;
    for (const subscriber of stream.subscribers) {
      try {
        subscriber.onStatus?.(change);
      } catch (error) {
        console.error(`status listener for ${stream.key} failed`, error);
      }
    }
  }

  private silent(stream: Stream, quiet: number): void {
    if (stream.closed || stream.status?.status !== 'live' || stream.held) return;
    stream.gap = stream.last !== undefined;
    if (stream.gap) stream.offlineSince ??= this.now() - quiet;
    stream.interruptions++;
    this.setStatus(stream, { status: 'stale', reason: `no update for ${Math.round(quiet / 1000)} s` });
  }
}
