// Live candles, trades and tickers of a real venue through ccxt.pro. One `watch*` loop per (symbol, stream): the
// streams above (src-main/streaming) ref-count their subscriptions, and the ticker loop of a symbol is shared here
// by its ticker watchers. A candle stream carries candles only: a chart does not start a ticker loop. Each loop
// reconnects on its own with backoff; the candle loop's state is what the chart's badge shows.
import type { Exchange, OHLCV, Trade as CcxtTrade } from 'ccxt';
import { isAppError, type PublicTrade, type Symbol, type Ticker, type Timeframe, type VenueId } from '../../../src-shared';
import type { CandleUpdate, LiveCandleSource, StatusListener } from '../ports';
import { DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
import { ccxtLib } from './ccxt-lib';
import { normalizeCandles, normalizePublicTrades, normalizeTicker } from './normalize';
import { startWatchLoop, type VenueReach, type WatchLoop } from './watch-loop';

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
  link?: VenueReach;
}

interface TickerWatcher {
  onTicker: (ticker: Ticker) => void;
  onStatus: StatusListener | undefined;
}

/** One ticker loop per symbol, shared by its ticker watchers. */
interface TickerLoop {
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

export class CcxtLiveSource implements LiveCandleSource {
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
    const loop = startWatchLoop<OHLCV[]>({
      name: `${symbol} ${timeframe} candles`,
      watch: () => ex.watchOHLCV(symbol, timeframe),
      onValue: (rows) => {
        // With ccxt's newUpdates (the default) a call returns every row changed since the previous call, oldest
        // first: a bar that closed between two calls arrives in its final state before the new one.
        for (const candle of normalizeCandles(rows)) onUpdate({ candle });
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
        const trades = normalizePublicTrades(raw);
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
    const entry = this.tickers.get(symbol) ?? this.startTicker(symbol);
    const watcher: TickerWatcher = { onTicker, onStatus };
    entry.watchers.add(watcher);
    if (entry.last) onTicker(entry.last);
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      entry.watchers.delete(watcher);
      // Not a later loop of the same symbol, started after this one ended.
      if (entry.watchers.size === 0 && this.tickers.get(symbol) === entry) this.stopTicker(symbol, entry);
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

  private startTicker(symbol: Symbol): TickerLoop {
    const { exchange: ex, venue } = this.options;
    const entry: TickerLoop = { watchers: new Set(), loop: undefined as unknown as WatchLoop };
    entry.loop = startWatchLoop({
      name: `${symbol} ticker`,
      watch: () => ex.watchTicker(symbol),
      onValue: (raw) => {
        const ticker = this.tickerOf(venue, symbol, raw);
        if (!ticker) return;
        entry.last = ticker;
        for (const watcher of entry.watchers) watcher.onTicker(ticker);
      },
      onStatus: (change) => entry.watchers.forEach((watcher) => watcher.onStatus?.(change)),
      backoff: this.options.backoff ?? DEFAULT_BACKOFF,
      isRetryable,
      ...(this.options.random ? { random: this.options.random } : {}),
      ...(this.options.link ? { link: this.options.link } : {}),
    });
    this.tickers.set(symbol, entry);
    return entry;
  }

  /** A message without any price is skipped, not an error of the stream: the next one brings the price. */
  private tickerOf(venue: VenueId, symbol: Symbol, raw: Parameters<typeof normalizeTicker>[2]): Ticker | undefined {
    try {
      return normalizeTicker(venue, symbol, raw, this.now());
    } catch (error) {
      if (isAppError(error)) return undefined;
      throw error;
    }
  }

  private stopTicker(symbol: Symbol, entry: TickerLoop): void {
    this.tickers.delete(symbol);
    entry.loop.stop();
    this.options.exchange.unWatchTicker(symbol).catch(() => undefined);
  }
}
