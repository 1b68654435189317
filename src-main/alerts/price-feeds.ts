// One live price subscription per (venue, symbol) that active rules need, through the shared ticker streams (so the
// top bar already showing the symbol costs no second upstream watch). A venue that is not connected, or a feed that
// could not start, is retried every `retryMs` until it starts or no rule needs it any more — and at once when its venue
// becomes available (`venueAvailable`), so a saved account connecting starts its alerts without waiting for the timer.
// A feed interrupted after it had a price catches up when it comes back: the one-minute bars it missed are fetched
// from the venue's history and handed over (their highs and lows may have crossed a line), and the prices that arrive
// meanwhile are held, then released after them, so rules judge the outage before the present.
import { isAppError, timeframeMs, type Candle, type StreamStatus, type Symbol, type Ticker, type VenueId } from '../../src-shared';
import type { MarketDataVenue } from '../exchanges';
import type { Clock } from '../resilience';
import { fetchGap, type OfflineWindow, type TickerStreams } from '../streaming';
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
  /** When the last live price arrived: its bar is the first one a catch-up looks at. */
  lastPriceAt?: number;
  /** Interrupted (since then) after it had a price: the next price starts the catch-up. */
  offlineSince?: number;
  /** Prices that arrived while catching up, released after the missed bars. */
  held?: Ticker[];
}

/** A bar the feed's stream missed while it was down, delivered once the gap was filled from history. */
export type BackfilledBar = (feed: Feed, bar: Candle, offline: OfflineWindow) => void;

export interface PriceFeedsOptions {
  streams: Pick<TickerStreams, 'subscribe'>;
  clock: Clock;
  /** How often a feed waiting for its venue tries again. */
  retryMs: number;
  /** Where the bars missed during an interruption come from; without it an outage is not caught up. */
  history?: (venue: VenueId) => MarketDataVenue | undefined;
  onBackfilled?: BackfilledBar;
  /** The prices held while catching up, in arrival order. */
  onReleased?: (tickers: Ticker[]) => void;
}

const BAR = timeframeMs('1m');
const barOf = (at: number): number => Math.floor(at / BAR) * BAR;

export class PriceFeeds {
  private readonly feeds = new Map<FeedKey, Feed>();
  private cancelRetry: (() => void) | undefined;

  constructor(private readonly options: PriceFeedsOptions) {}

  get(key: FeedKey): Feed | undefined {
    return this.feeds.get(key);
  }

  /** A price of a feed that is catching up is kept for after the missed bars: true when it was. */
  hold(ticker: Ticker): boolean {
    const feed = this.feeds.get(feedKey(ticker.venue, ticker.symbol));
    if (!feed?.held) return false;
    feed.held.push(ticker);
    return true;
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
      // The callback only keeps the price the stream last delivered (a stream that already runs hands it over at once),
      // which is the price the trader sees; rules are evaluated on the bus's price.updated.
      feed.stop = this.options.streams.subscribe(
        { venue: feed.venue, symbol: feed.symbol },
        (ticker) => this.received(feed, ticker),
        (change) => {
          feed.stream = change.reason === undefined ? { status: change.status } : { status: change.status, reason: change.reason };
          if (change.status !== 'live' && feed.lastPriceAt !== undefined) {
            feed.offlineSince ??= this.options.clock.now();
            feed.held ??= [];
          }
        },
      );
      feed.problem = undefined;
    } catch (error) {
      feed.stop = undefined;
      const venueMissing = isAppError(error) && error.code === 'VENUE_UNAVAILABLE';
      feed.problem = { venueMissing, message: error instanceof Error ? error.message : String(error) };
    }
  }

  private received(feed: Feed, ticker: Ticker): void {
    if (feed.offlineSince !== undefined) {
      void this.catchUp(feed, feed.offlineSince);
      return;
    }
    if (feed.held) return; // catching up: the price is released with the held ones
    feed.lastPrice = ticker.last;
    feed.lastPriceAt = this.options.clock.now();
  }

  /** Fetches the bars from the last one seen live to the current one (exclusive), hands them over, then the held prices. */
  private async catchUp(feed: Feed, since: number): Promise<void> {
    feed.offlineSince = undefined;
    const now = this.options.clock.now();
    const offline: OfflineWindow = { from: since, to: now };
    try {
      const history = this.options.history?.(feed.venue);
      if (history && feed.lastPriceAt !== undefined) {
        const missed = await fetchGap(history, feed.symbol, '1m', barOf(feed.lastPriceAt), barOf(now));
        if (this.feeds.get(feedKey(feed.venue, feed.symbol)) !== feed) return; // no rule needs it any more
        for (const bar of missed) this.options.onBackfilled?.(feed, bar, offline);
      }
    } catch (error) {
      console.warn(`alerts: the prices ${feed.venue} missed for ${feed.symbol} could not be loaded`, error instanceof Error ? error.message : error);
    }
    if (feed.offlineSince !== undefined) return; // interrupted again meanwhile: the next price catches up from there
    const held = feed.held ?? [];
    feed.held = undefined;
    feed.lastPriceAt = this.options.clock.now();
    this.options.onReleased?.(held);
  }

  private scheduleRetry(): void {
    const waiting = [...this.feeds.values()].some((feed) => !feed.stop);
    if (!waiting) {
      this.cancelRetry?.();
      this.cancelRetry = undefined;
      return;
    }
    if (this.cancelRetry) return;
    this.cancelRetry = this.options.clock.setTimer(
      () => {
        this.cancelRetry = undefined;
        for (const feed of this.feeds.values()) if (!feed.stop) this.start(feed);
        this.scheduleRetry();
      },
      this.options.retryMs,
      true,
    );
  }
}
