// One live price subscription per (venue, symbol) that active rules need, through the shared CandleStreams (so a
// chart already open on the symbol costs no second upstream watch). A venue that is not connected, or a feed that
// could not start, is retried every `retryMs` until it starts or no rule needs it any more — and at once when its venue
// becomes available (`venueAvailable`), so a saved account connecting starts its alerts without waiting for the timer.
import { isAppError, type Candle, type StreamStatus, type Symbol, type VenueId } from '../../src-shared';
import type { Clock } from '../resilience';
import type { CandleStreams, OfflineWindow } from '../streaming';
import { PriceWindow } from './price-window';

export type FeedKey = `${VenueId}|${Symbol}`;

export function feedKey(venue: VenueId, symbol: Symbol): FeedKey {
  return `${venue}|${symbol}`;
}

export interface FeedNeed {
  venue: VenueId;
  symbol: Symbol;
  /** How much price history the symbol's rules need (their longest change-pct window), 0 for none. */
  spanMs: number;
}

export interface Feed {
  readonly venue: VenueId;
  readonly symbol: Symbol;
  readonly window: PriceWindow;
  /** Set while the subscription runs. */
  stop?: () => void;
  /** Why it does not run: the venue is not connected, or the feed failed to start. */
  problem?: { venueMissing: boolean; message: string };
  /** The stream's own status while it runs (reconnecting, stale…), with its reason. */
  stream?: { status: StreamStatus; reason?: string };
  lastPrice?: number;
}

/** A bar the feed's stream missed while it was down, delivered once the gap was filled from history. */
export type BackfilledBar = (feed: Feed, bar: Candle, offline: OfflineWindow) => void;

export class PriceFeeds {
  private readonly feeds = new Map<FeedKey, Feed>();
  private cancelRetry: (() => void) | undefined;

  constructor(
    private readonly streams: Pick<CandleStreams, 'subscribe'>,
    private readonly clock: Clock,
    private readonly retryMs: number,
    private readonly onBackfilled?: BackfilledBar,
  ) {}

  get(key: FeedKey): Feed | undefined {
    return this.feeds.get(key);
  }

  /** Number of feeds whose subscription runs. */
  get running(): number {
    return [...this.feeds.values()].filter((feed) => feed.stop !== undefined).length;
  }

  /** Starts the feeds `needs` names that are missing, stops the ones it no longer names. */
  sync(needs: ReadonlyMap<FeedKey, FeedNeed>): void {
    for (const [key, feed] of this.feeds) {
      if (needs.has(key)) continue;
      feed.stop?.();
      this.feeds.delete(key);
    }
    for (const [key, need] of needs) {
      let feed = this.feeds.get(key);
      if (!feed) {
        feed = { venue: need.venue, symbol: need.symbol, window: new PriceWindow(need.spanMs) };
        this.feeds.set(key, feed);
      }
      feed.window.spanMs = need.spanMs;
      if (!feed.stop) this.start(feed);
    }
    this.scheduleRetry();
  }

  /** The venue just became available (its account connected): its waiting feeds start now, not at the next retry. */
  venueAvailable(venue: VenueId): void {
    let started = false;
    for (const feed of this.feeds.values()) {
      if (feed.stop || feed.venue !== venue) continue;
      this.start(feed);
      started = true;
    }
    if (started) this.scheduleRetry();
  }

  close(): void {
    this.cancelRetry?.();
    this.cancelRetry = undefined;
    for (const feed of this.feeds.values()) feed.stop?.();
    this.feeds.clear();
  }

  private start(feed: Feed): void {
    try {
      // '1m' like a chart's default: the cheapest series, and the one most likely shared with an open chart. Rules are
      // evaluated on the bus's price.updated; this callback only keeps the price the stream last delivered (a stream
      // that already runs hands it over at once), which is the price the trader sees.
      feed.stop = this.streams.subscribe(
        { venue: feed.venue, symbol: feed.symbol, timeframe: '1m' },
        (update) => {
          // A missed bar carries the ticker from before the outage: it says where the price went, not where it is.
          if (update.backfill) this.onBackfilled?.(feed, update.candle, update.backfill);
          else feed.lastPrice = update.ticker.last;
        },
        (change) => {
          feed.stream = change.reason === undefined ? { status: change.status } : { status: change.status, reason: change.reason };
        },
      );
      feed.problem = undefined;
    } catch (error) {
      feed.stop = undefined;
      const venueMissing = isAppError(error) && error.code === 'VENUE_UNAVAILABLE';
      feed.problem = { venueMissing, message: error instanceof Error ? error.message : String(error) };
    }
  }

  private scheduleRetry(): void {
    const waiting = [...this.feeds.values()].some((feed) => !feed.stop);
    if (!waiting) {
      this.cancelRetry?.();
      this.cancelRetry = undefined;
      return;
    }
    if (this.cancelRetry) return;
    this.cancelRetry = this.clock.setTimer(
      () => {
        this.cancelRetry = undefined;
        for (const feed of this.feeds.values()) if (!feed.stop) this.start(feed);
        this.scheduleRetry();
      },
      this.retryMs,
      true,
    );
  }
}
