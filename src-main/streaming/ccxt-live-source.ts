// Live candles, trades and tickers of a real venue through ccxt.pro. One `watch*` loop per (symbol, stream): the
// registries above ref-count their subscriptions, and the ticker loop of a symbol is shared here by its timeframes
// and its ticker watchers. Each
// loop reconnects on its own with backoff; the candle loop's state is what the chart's badge shows.
import type { Exchange, OHLCV, Trade as CcxtTrade } from 'ccxt';
import type { PublicTrade, Symbol, Ticker, Timeframe, VenueId } from '../../src-shared';
import { ccxtLib, type CandleUpdate } from '../exchanges';
import type { VenueLink } from '../resilience';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { tickerFromCandle, toCandle, toPublicTrade, toTicker } from './ccxt-convert';
import type { StatusListener, StreamSource } from './source';
import { startWatchLoop, type WatchLoop } from './watch-loop';

export interface CcxtLiveSourceOptions {
  venue: VenueId;
  /** A ccxt.pro instance (`new ccxt.pro.binance(...)`), already pointed at its endpoints. */
  exchange: Exchange;
  backoff?: BackoffPolicy;
  random?: () => number;
  /** Binance pushes a kline at least every 2 s while a market trades; silence well past that is a problem. */
  staleAfterMs?: number;
  now?: () => number;
  onDelay?: (attempt: number, delayMs: number) => void;
  /** The venue's reachability: loops wait on it after their fast phase, and never end while wanted. */
  link?: VenueLink;
}

interface TickerWatcher {
  onTicker: (ticker: Ticker) => void;
  onStatus: StatusListener | undefined;
}

/** One ticker loop per symbol: its candle streams (the ticker rides in their updates) and its ticker watchers. */
interface TickerLoop {
  users: number;
  last?: Ticker;
  watchers: Set<TickerWatcher>;
  loop: WatchLoop;
}

/**
 * Socket-level failures heal by reconnecting; anything else from the venue (a bad symbol) will not. An
 * UnsubscribeError heals too: when the last viewer leaves and a new one arrives at once (a page reload), the old
 * stream's unsubscribe can land after the new watch was made and reject it; watching again subscribes anew.
 */
function isRetryable(error: unknown): boolean {
  const lib = ccxtLib();
  return error instanceof lib.NetworkError || error instanceof lib.UnsubscribeError;
}

/**
 * ccxt 4.5's throttled subscribe path (Exchange.watch with enableRateLimit) drops the promise of `client.send`: a
 * socket that closes between connecting and sending rejects it unhandled, which ends a Node process. The loop learns
 * of the close through its pending watch anyway, so each send's rejection is marked handled here; callers that do
 * hold the promise still see it reject.
 */
function guardSends(ex: Exchange): void {
  const makeClient = ex.client.bind(ex);
  ex.client = (url: string) => {
    const client = makeClient(url);
    const guarded = client as typeof client & { tbsGuarded?: boolean };
    if (!guarded.tbsGuarded) {
      guarded.tbsGuarded = true;
      const send = client.send.bind(client);
      client.send = (message: object) => {
        const sent = send(message);
        Promise.resolve(sent).catch(() => undefined);
        return sent;
      };
    }
    return client;
  };
}

export class CcxtLiveSource implements StreamSource {
  readonly staleAfterMs: number;
  private readonly tickers = new Map<Symbol, TickerLoop>();
  /** Every running candle and trade loop: closing the source must stop them, or they would re-dial a closed venue. */
  private readonly loops = new Set<WatchLoop>();
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly options: CcxtLiveSourceOptions) {
    this.staleAfterMs = options.staleAfterMs ?? 10_000;
    this.now = options.now ?? Date.now;
    // ccxt 4.5 delays its own re-dials (1 s doubling to 60 s). The loop here owns the policy — it reports each
    // retry as `reconnecting`, then waits on the venue's link — so ccxt's is turned off rather than stacked under it.
    const ex = options.exchange;
    ex.options['ws'] = { ...(ex.options['ws'] as object | undefined), backoff: { base: 0, max: 0 } };
    guardSends(ex);
  }

  watchCandles(symbol: Symbol, timeframe: Timeframe, onUpdate: (update: CandleUpdate) => void, onStatus?: StatusListener): () => void {
    const { exchange: ex, venue } = this.options;
    if (this.closed) {
      onStatus?.({ status: 'failed', reason: `${venue} live data is closed` });
      return () => {};
    }
    // The ticker rides along with the next candle rather than pushing the old candle again: a candle update is
    // what proves the candle stream itself is alive (staleness, backfill after a reconnect).
    const ticker = this.acquireTicker(symbol);
    const loop = startWatchLoop<OHLCV[]>({
      name: `${symbol} ${timeframe} candles`,
      watch: () => ex.watchOHLCV(symbol, timeframe),
      onValue: (rows) => {
        // With ccxt's newUpdates (the default) a call returns every row changed since the previous call, oldest
        // first: a bar that closed between two calls arrives in its final state before the new one.
        for (const row of rows) {
          const candle = toCandle(row);
          if (!candle) continue;
          onUpdate({ candle, ticker: ticker.last ?? tickerFromCandle(venue, symbol, candle, this.now()) });
        }
      },
      onStatus: (change) => onStatus?.(change),
      backoff: this.options.backoff ?? DEFAULT_BACKOFF,
      isRetryable,
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.link ? { link: this.options.link } : {}),
      ...(this.options.onDelay ? { onDelay: this.options.onDelay } : {}),
    });
    this.loops.add(loop);
    return () => {
      if (!this.loops.delete(loop)) return; // already stopped by close()
      loop.stop();
      this.releaseTicker(symbol);
      // Tells the venue to stop sending (Binance: an UNSUBSCRIBE frame); a dead socket has nothing to unsubscribe.
      ex.unWatchOHLCV(symbol, timeframe).catch(() => undefined);
    };
  }

  watchTrades(symbol: Symbol, onTrades: (trades: PublicTrade[]) => void, onStatus?: StatusListener): () => void {
    const ex = this.options.exchange;
    if (this.closed) {
      onStatus?.({ status: 'failed', reason: `${this.options.venue} live data is closed` });
      return () => {};
    }
    const loop = startWatchLoop<CcxtTrade[]>({
      name: `${symbol} trades`,
      watch: () => ex.watchTrades(symbol),
      onValue: (raw) => {
        // newUpdates: each call returns the trades that arrived since the previous one.
        const trades = raw.map(toPublicTrade).filter((t): t is PublicTrade => t !== undefined);
        if (trades.length > 0) onTrades(trades);
      },
      onStatus: (change) => onStatus?.(change),
      backoff: this.options.backoff ?? DEFAULT_BACKOFF,
      isRetryable,
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.link ? { link: this.options.link } : {}),
    });
    this.loops.add(loop);
    return () => {
      if (!this.loops.delete(loop)) return;
      loop.stop();
      ex.unWatchTrades(symbol).catch(() => undefined);
    };
  }

  watchTicker(symbol: Symbol, onTicker: (ticker: Ticker) => void, onStatus?: StatusListener): () => void {
    if (this.closed) {
      onStatus?.({ status: 'failed', reason: `${this.options.venue} live data is closed` });
      return () => {};
    }
    const entry = this.acquireTicker(symbol);
    const watcher: TickerWatcher = { onTicker, onStatus };
    entry.watchers.add(watcher);
    if (entry.last) onTicker(entry.last);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      entry.watchers.delete(watcher);
      if (this.tickers.get(symbol) === entry) this.releaseTicker(symbol); // not a later loop of the same symbol
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const loop of this.loops) loop.stop();
    this.loops.clear();
    for (const entry of this.tickers.values()) entry.loop.stop();
    this.tickers.clear();
    await this.options.exchange.close();
  }

  private acquireTicker(symbol: Symbol): TickerLoop {
    const existing = this.tickers.get(symbol);
    if (existing) {
      existing.users++;
      return existing;
    }
    const { exchange: ex, venue } = this.options;
    const entry: TickerLoop = { users: 1, watchers: new Set(), loop: undefined as unknown as WatchLoop };
    entry.loop = startWatchLoop({
      name: `${symbol} ticker`,
      watch: () => ex.watchTicker(symbol),
      onValue: (raw) => {
        const ticker = toTicker(venue, symbol, raw, this.now());
        if (!ticker) return;
        entry.last = ticker;
        for (const watcher of entry.watchers) watcher.onTicker(ticker);
      },
      // For a candle stream the candle loop's status is the stream's (a ticker that stops only leaves the last price
      // older); ticker watchers follow this loop's own.
      onStatus: (change) => entry.watchers.forEach((watcher) => watcher.onStatus?.(change)),
      backoff: this.options.backoff ?? DEFAULT_BACKOFF,
      isRetryable,
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.link ? { link: this.options.link } : {}),
    });
    this.tickers.set(symbol, entry);
    return entry;
  }

  private releaseTicker(symbol: Symbol): void {
    const entry = this.tickers.get(symbol);
    if (!entry || --entry.users > 0) return;
    this.tickers.delete(symbol);
    entry.loop.stop();
    this.options.exchange.unWatchTicker(symbol).catch(() => undefined);
  }
}
