// The built-in simulated venue: a few markets whose prices follow seeded random walks, with 30 days of one-minute
// history at start and live ticks after. It needs no keys and no network, so a fresh install always shows a chart.
import { AppError, timeframeMs, type Candle, type Market, type PublicTrade, type Symbol, type Ticker, type Timeframe } from '../../../src-shared';
import type { CandleQuery, CandleUpdate, LiveCandleSource, MarketDataVenue } from '../ports';
import { DEMO_SYMBOLS, type DemoSymbolSpec } from './demo-symbols';
import { SymbolWalk } from './symbol-walk';

const MINUTE = 60_000;
const DAY = 86_400_000;

export interface DemoVenueOptions {
  seed: number;
  /** Milliseconds between live ticks; must divide a minute. */
  tickMs?: number;
  historyDays?: number;
  now?: () => number;
  /**
   * A simulated feed outage: between these times (ms since epoch) live updates stop, as when a venue's socket goes
   * half-dead, while the market goes on and REST history still answers. For e2e tests and demos of recovery.
   */
  outage?: { from: number; until: number };
}

type Listener = () => void;

export class DemoVenue implements MarketDataVenue, LiveCandleSource {
  readonly id = 'demo' as const;
  /** Ticks come every `tickMs`: a few missed in a row mean the feed is in trouble. */
  readonly staleAfterMs: number;
  private readonly walks = new Map<Symbol, SymbolWalk>();
  private readonly listeners = new Map<Symbol, Set<Listener>>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private readonly now: () => number;
  private readonly tickMs: number;
  private readonly historyStart: number;

  constructor(private readonly options: DemoVenueOptions) {
    this.now = options.now ?? Date.now;
    this.tickMs = options.tickMs ?? 500;
    if (this.tickMs <= 0 || MINUTE % this.tickMs !== 0) {
      throw new AppError('INVALID_REQUEST', `demo tick interval must divide a minute, got ${this.tickMs} ms`);
    }
    this.historyStart = this.now() - (options.historyDays ?? 30) * DAY;
    this.staleAfterMs = Math.max(3_000, 6 * this.tickMs);
  }

  async markets(): Promise<Market[]> {
    return DEMO_SYMBOLS.map((spec) => ({ ...spec.market, venue: 'demo', active: true }));
  }

  async ticker(symbol: Symbol): Promise<Ticker> {
    return this.tickerOf(this.walk(symbol));
  }

  async candles(symbol: Symbol, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]> {
    const walk = this.walk(symbol);
    const series = walk.series;
    const last = series.lastMinute;
    if (last === undefined) return [];
    const span = timeframeMs(timeframe);
    const newest = Math.floor(last / span) * span;
    let bucket = query.before === undefined ? newest : Math.min(newest, Math.floor((query.before - 1) / span) * span);
    const candles: Candle[] = [];
    while (candles.length < query.limit && bucket + span > series.firstMinute) {
      const candle = series.aggregate(series.indexOf(bucket), series.indexOf(bucket + span), bucket);
      if (candle) candles.push(candle);
      bucket -= span;
    }
    return candles.reverse();
  }

  watchCandles(symbol: Symbol, timeframe: Timeframe, onUpdate: (update: CandleUpdate) => void): () => void {
    const walk = this.walk(symbol);
    const span = timeframeMs(timeframe);
    const listener = (): void => {
      const last = walk.series.lastMinute;
      if (last === undefined) return;
      const bucket = Math.floor(last / span) * span;
      const candle = walk.series.aggregate(walk.series.indexOf(bucket), walk.series.indexOf(bucket + span), bucket);
      if (candle) onUpdate({ candle });
    };
    const stop = this.listen(symbol, listener);
    if (!this.inOutage(this.now())) listener(); // the current state at once, so a new subscriber does not wait for the next tick
    return stop;
  }

  /** Calls `listener` after every tick that moved `symbol`, outages aside; returns the function that stops it. */
  private listen(symbol: Symbol, listener: Listener): () => void {
    let set = this.listeners.get(symbol);
    if (!set) this.listeners.set(symbol, (set = new Set()));
    set.add(listener);
    this.startTimer();
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(symbol);
      if (this.listeners.size === 0) this.stopTimer();
    };
  }

  watchTrades(symbol: Symbol, onTrades: (trades: PublicTrade[]) => void): () => void {
    const walk = this.walk(symbol);
    // Starts from the next trade: the tape shows what happens from now on.
    let lastId = walk.tradesAfter(undefined).at(-1)?.id;
    const listener = (): void => {
      const trades = walk.tradesAfter(lastId);
      if (trades.length === 0) return;
      lastId = trades.at(-1)!.id;
      onTrades(trades);
    };
    return this.listen(symbol, listener);
  }

  watchTicker(symbol: Symbol, onTicker: (ticker: Ticker) => void): () => void {
    const walk = this.walk(symbol);
    const listener = (): void => onTicker(this.tickerOf(walk));
    const stop = this.listen(symbol, listener);
    if (!this.inOutage(this.now())) listener(); // the current price at once
    return stop;
  }

  /** Simulates the market up to `now` and tells the watchers of every symbol that moved. */
  advance(now: number = this.now()): void {
    const silent = this.inOutage(now);
    for (const [symbol, walk] of this.walks) {
      if (walk.advanceTo(now) && !silent) {
        for (const listener of this.listeners.get(symbol) ?? []) listener();
      }
    }
  }

  private inOutage(now: number): boolean {
    const outage = this.options.outage;
    return outage !== undefined && now >= outage.from && now < outage.until;
  }

  close(): void {
    this.stopTimer();
    this.listeners.clear();
  }

  private startTimer(): void {
    if (this.timer || this.options.now) return; // an injected clock is driven by its owner through advance()
    this.timer = setInterval(() => this.advance(), this.tickMs);
    this.timer.unref?.();
  }

  private stopTimer(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  private walk(symbol: Symbol): SymbolWalk {
    let walk = this.walks.get(symbol);
    if (!walk) {
      const spec = DEMO_SYMBOLS.find((candidate) => candidate.market.symbol === symbol);
      if (!spec) {
        const known = DEMO_SYMBOLS.map((s) => s.market.symbol).join(', ');
        throw new AppError('NOT_FOUND', `the demo venue has no market ${symbol}; it lists ${known}`);
      }
      walk = this.createWalk(spec);
      this.walks.set(symbol, walk);
    }
    walk.advanceTo(this.now());
    return walk;
  }

  private createWalk(spec: DemoSymbolSpec): SymbolWalk {
    return new SymbolWalk(spec, this.options.seed, this.historyStart, this.tickMs);
  }

  private tickerOf(walk: SymbolWalk): Ticker {
    const series = walk.series;
    const last = walk.price;
    const tick = 10 ** -walk.spec.market.pricePrecision;
    const dayAgo = series.closeAt(series.length - 1 - 1440) ?? series.closeAt(0) ?? last;
    return {
      venue: 'demo',
      symbol: walk.spec.market.symbol,
      last,
      bid: Number((last - tick).toFixed(walk.spec.market.pricePrecision)),
      ask: Number((last + tick).toFixed(walk.spec.market.pricePrecision)),
      change24hPct: Math.round(((last - dayAgo) / dayAgo) * 10_000) / 100,
      timestamp: Math.max(walk.lastTick, series.firstMinute),
    };
  }
}
