// The analysis service: a consumer of the bus like any other (`trade.executed`, `balance.changed`, `price.updated`),
// so it runs the same in shared Redis mode. It keeps positions, P&L and holdings in memory, rebuilt from SQLite (the
// order journal's fills, the holdings last reported) — lazily, a moment after start or at the first question, so a
// long history never slows the start. Equity is snapshotted at every fill and every 5 minutes; `portfolio.updated`
// is published at most every `pushEveryMs` per view, and only when a figure moved.
import {
  AppError,
  PORTFOLIO_VIEWS,
  PortfolioSettings,
  type Balance,
  type EquityCurve,
  type EquityRange,
  type ExportKind,
  type LedgerEntry,
  type Order,
  type PortfolioPosition,
  type PortfolioStatistics,
  type PortfolioSummary,
  type PortfolioView,
  type Trade,
  type TradingMode,
  type VenueId,
} from '../../src-shared';
import type { EventBus } from '../events';
import type { SettingsRepository } from '../storage';
import { CsvWriter, LEDGER_COLUMNS, ORDER_COLUMNS, TRADE_COLUMNS, ledgerRow, orderRow, tradeRow } from './csv';
import { ViewFigures } from './figures';
import { Holdings, type Transfer } from './holdings';
import { PositionLedger, type FillRate, type FillResult } from './ledger';
import type { EquitySnapshot, FeeRate, PortfolioRepository } from './portfolio-repository';
import { RateBook } from './rates';
import { drawdownSeries, StatisticsTally } from './statistics';
import type { PriceSource } from './venue-prices';
import { BRIDGE_CURRENCIES } from './rates';
import { isMargin, priceSourceFor, viewOf } from './views';
import { MarginBook, type MarginAccount } from './margin';
import { MarginFigures } from './margin-figures';

/** The order journal, read oldest first (a port: the journal belongs to src-main/trading). */
export interface PortfolioHistory {
  eachTrade(visit: (trade: Trade) => void): void;
  /** The same fills without their order ids (the rebuild). */
  eachFill(visit: (fill: Trade) => void): void;
  eachOrder(visit: (order: Order) => void): void;
}

export interface PortfolioServiceOptions {
  repository: PortfolioRepository;
  settings: SettingsRepository;
  bus: EventBus;
  history: PortfolioHistory;
  prices?: PriceSource;
  now?: () => number;
  snapshotEveryMs?: number;
  pushEveryMs?: number;
  /** How long after start the history is read when nothing asked for it sooner. */
  buildDelayMs?: number;
  /** A fill's snapshot waits this long for the balances it moved, unless they come sooner. */
  tradeSnapshotWaitMs?: number;
  /** The margin accounts (MT5 logins) connected now: the mt5 view is built from their own figures. */
  marginAccounts?: () => readonly MarginAccount[];
}

const SETTINGS_KEY = 'portfolio.settings';
const DEFAULT_SETTINGS: PortfolioSettings = { currency: 'USDT' };
const RANGE_MS: Record<EquityRange, number> = { '1D': 86_400_000, '1W': 7 * 86_400_000, '1M': 30 * 86_400_000, all: Number.POSITIVE_INFINITY };
/** A pair asked of a venue is not asked again for this long. */
const PRICE_REFRESH_MS = 30_000;
/** A question about the mt5 view reads the terminals again when what was read is older than this. */
const MARGIN_FRESH_MS = 2_000;

export class PortfolioService {
  private readonly ledger = new PositionLedger();
  private readonly holdings = new Holdings();
  private readonly rates = new RateBook();
  private readonly margin = new MarginBook();
  private readonly fills: FillResult[] = [];
  private transfers: Transfer[] = [];
  private built = false;
  /** Fills read from the journal: the first `replayed` of `fills`, none newer than `replayedUntil`. */
  private replayed = 0;
  private replayedUntil = Number.NEGATIVE_INFINITY;
  /** Their keys, built only when a live fill is old enough to be one of them (a late report after an outage). */
  private replayedKeys: Set<string> | undefined;
  /** Accounts whose holdings changed since they were last saved, by venue. */
  private readonly holdingsToSave = new Map<VenueId, Set<TradingMode>>();
  private readonly dirty = new Set<PortfolioView>();
  private readonly lastPushed = new Map<PortfolioView, string>();
  private pendingSnapshots: EquitySnapshot[] = [];
  private pendingFeeRates: FeeRate[] = [];
  private flushTimer: ReturnType<typeof setTimeout> | undefined;
  /** Fills whose snapshot waits for the venue's balances (the cash they moved): by view, the fill's time. */
  private readonly fillSnapshots = new Map<PortfolioView, { at: number; timer: ReturnType<typeof setTimeout> }>();
  private readonly asked = new Map<string, number>();
  private readonly lastSnapshotAt = new Map<PortfolioView, number>();
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private readonly unsubscribe: (() => void)[];
  private readonly now: () => number;
  private settingsCache: PortfolioSettings;
  /** A fee in a third asset (BNB) converted with the prices of the fill's own view. */
  private readonly fillRates = Object.fromEntries(
    PORTFOLIO_VIEWS.map((view) => {
      const allow = priceSourceFor(view);
      return [view, (from: string, to: string) => this.rates.rate(from, to, allow)?.value];
    }),
  ) as Record<PortfolioView, FillRate>;

  constructor(private readonly options: PortfolioServiceOptions) {
    this.now = options.now ?? Date.now;
    this.settingsCache = { ...DEFAULT_SETTINGS, ...options.settings.get(SETTINGS_KEY, PortfolioSettings.partial()) };
    const { bus } = options;
    this.unsubscribe = [
      bus.subscribe('trade.executed', (trade) => this.onTrade(trade)),
      bus.subscribe('balance.changed', (event) => this.onBalances(event.venue, event.mode, event.balances)),
      bus.subscribe('price.updated', (ticker) => {
        this.rates.update(ticker.venue, ticker.symbol, ticker.last, ticker.timestamp);
        if (this.built) for (const view of PORTFOLIO_VIEWS) if (priceSourceFor(view)(ticker.venue)) this.dirty.add(view);
      }),
    ];
  }

  /** Starts the timers: the deferred rebuild, the 5-minute snapshots and the coalesced pushes. */
  start(): void {
    const { snapshotEveryMs = 300_000, pushEveryMs = 250, buildDelayMs = 2_000 } = this.options;
    const later = setTimeout(() => this.ensureBuilt(), buildDelayMs);
    const snapshots = setInterval(() => this.snapshotAll('interval'), snapshotEveryMs);
    const pushes = setInterval(() => this.push(), pushEveryMs);
    for (const timer of [later, snapshots, pushes]) {
      timer.unref?.();
      this.timers.push(timer);
    }
  }

  close(): void {
    for (const off of this.unsubscribe) off();
    for (const timer of this.timers) clearTimeout(timer);
    for (const view of [...this.fillSnapshots.keys()]) this.takeFillSnapshot(view);
    this.flushSnapshots();
  }

  /** An amount in another currency with the prices that value the given book (the risk module's global figures). */
  convert(amount: number, from: string, to: string, book: { venue: VenueId; mode: TradingMode }): number | undefined {
    return this.rates.convert(amount, from, to, priceSourceFor(viewOf(book.venue, book.mode)));
  }

  settings(): PortfolioSettings {
    return { ...this.settingsCache };
  }

  updateSettings(input: PortfolioSettings): PortfolioSettings {
    const parsed = PortfolioSettings.safeParse(input);
    if (!parsed.success) throw new AppError('INVALID_REQUEST', 'portfolio settings: choose a reporting currency such as USDT, USD or EUR');
    this.options.settings.set(SETTINGS_KEY, parsed.data);
    this.settingsCache = parsed.data;
    for (const view of PORTFOLIO_VIEWS) this.dirty.add(view);
    return this.settings();
  }

  summary(view: PortfolioView): PortfolioSummary {
    this.ensureBuilt();
    const summary = this.figures(view).summary(this.now());
    this.askPrices(view, summary.currency, summary.unpriced);
    return summary;
  }

  positions(view: PortfolioView): PortfolioPosition[] {
    this.ensureBuilt();
    return this.figures(view).positions();
  }

  equity(view: PortfolioView, range: EquityRange): EquityCurve {
    this.ensureBuilt();
    this.flushSnapshots();
    const now = this.now();
    const { currency } = this.settingsCache;
    const from = range === 'all' ? 0 : now - RANGE_MS[range];
    const points = this.options.repository.snapshots(view, currency, from);
    return { view, currency, range, points, drawdown: drawdownSeries(points) };
  }

  statistics(view: PortfolioView, from: number | undefined, to: number | undefined): PortfolioStatistics {
    this.ensureBuilt();
    this.flushSnapshots();
    const figures = this.figures(view);
    const inPeriod = (at: number) => (from === undefined || at >= from) && (to === undefined || at <= to);
    const equity = this.options.repository.snapshots(view, figures.currency, from ?? 0).filter((p) => inPeriod(p.at));
    const convert = (amount: number, quote: string) => figures.convert(amount, quote);
    // One pass over the history fills the total and every symbol's tally.
    const total = new StatisticsTally(convert);
    const bySymbol = new Map<string, StatisticsTally>();
    for (const fill of this.fillsOf(view)) {
      if (viewOf(fill.venue, fill.mode) !== view || !inPeriod(fill.at)) continue;
      total.add(fill);
      let tally = bySymbol.get(fill.symbol);
      if (!tally) bySymbol.set(fill.symbol, (tally = new StatisticsTally(convert)));
      tally.add(fill);
    }
    return {
      view,
      currency: figures.currency,
      from: from ?? null,
      to: to ?? null,
      total: total.result(equity),
      // Drawdown is the whole account's: a symbol's own figures leave it at 0.
      perSymbol: [...bySymbol].map(([symbol, tally]) => ({ symbol, ...tally.result([]) })),
    };
  }

  /** The P&L ledger newest first; `before` is the `seq` of the last line of the previous page. */
  ledgerPage(view: PortfolioView, before: number | undefined, limit: number): LedgerEntry[] {
    this.ensureBuilt();
    const page: LedgerEntry[] = [];
    const fills = this.fillsOf(view);
    for (let seq = Math.min(before ?? fills.length, fills.length) - 1; seq >= 0 && page.length < limit; seq -= 1) {
      const f = fills[seq]!;
      if (viewOf(f.venue, f.mode) !== view) continue;
      page.push({
        seq,
        tradeId: f.tradeId,
        venue: f.venue,
        mode: f.mode,
        symbol: f.symbol,
        side: f.side,
        amount: f.amount,
        price: f.price,
        at: f.at,
        quote: f.quote,
        closed: f.closed,
        costPrice: f.costPrice,
        pnl: f.pnl,
        pnlFifo: f.pnlFifo,
        fee: f.fee,
      });
    }
    return page;
  }

  export(view: PortfolioView, kind: ExportKind): { filename: string; csv: string; rows: number } {
    this.ensureBuilt();
    const inView = (o: { venue: VenueId; mode: TradingMode }) => viewOf(o.venue, o.mode) === view;
    let csv: CsvWriter;
    if (kind === 'trades') {
      csv = new CsvWriter(TRADE_COLUMNS);
      this.options.history.eachTrade((t) => inView(t) && csv.row(tradeRow(t)));
    } else if (kind === 'orders') {
      csv = new CsvWriter(ORDER_COLUMNS);
      this.options.history.eachOrder((o) => inView(o) && csv.row(orderRow(o)));
    } else {
      csv = new CsvWriter(LEDGER_COLUMNS);
      for (const f of this.fillsOf(view)) if (inView(f)) csv.row(ledgerRow(f));
    }
    const day = new Date(this.now()).toISOString().slice(0, 10);
    return { filename: `${view}-${kind}-${day}.csv`, csv: csv.toString(), rows: csv.rows };
  }

  /** Reads the history into memory once (the fills from the journal, the holdings last saved). */
  ensureBuilt(arriving?: Trade): void {
    if (this.built) return;
    this.built = true;
    // Saved holdings already hold every fill before them (they are saved after each fill and each report); an
    // account never saved gets its holdings from its fills.
    const restored = new Map<VenueId, Set<TradingMode>>();
    for (const saved of this.options.repository.holdings()) {
      this.holdings.restore(saved.venue, saved.mode, saved.assets);
      const modes = restored.get(saved.venue) ?? new Set<TradingMode>();
      restored.set(saved.venue, modes.add(saved.mode));
    }
    // A fill arriving now is in the journal already but not in the saved holdings: it is applied after, as new.
    // A third-asset fee is valued at the rate kept when its fill was seen, else at today's (which is then kept).
    const kept = this.options.repository.feeRates();
    let replaying: Trade | undefined;
    const keptRate: FillRate = (from, to) => {
      const fill = replaying!;
      const known = kept.get(fillKey(fill.venue, fill.mode, fill.id));
      return known ?? this.keepFeeRate(fill, this.fillRates[viewOf(fill.venue, fill.mode)](from, to));
    };
    this.options.history.eachFill((trade) => {
      if (isMargin(trade.venue)) return;
      if (arriving !== undefined && trade.id === arriving.id && trade.venue === arriving.venue && trade.mode === arriving.mode) return;
      replaying = trade;
      this.fills.push(this.ledger.replay(trade, keptRate));
      if (restored.get(trade.venue)?.has(trade.mode) !== true) this.moveHoldings(trade);
      if (trade.timestamp > this.replayedUntil) this.replayedUntil = trade.timestamp;
    });
    this.replayed = this.fills.length;
    this.transfers = this.options.repository.transfers();
    for (const view of PORTFOLIO_VIEWS) this.dirty.add(view);
  }

  /** One new fill into positions, the ledger and the holdings; false if it was applied before. */
  private applyFill(trade: Trade): boolean {
    if (trade.timestamp <= this.replayedUntil && this.replayedKeySet().has(fillKey(trade.venue, trade.mode, trade.id))) return false;
    const rate = this.fillRates[viewOf(trade.venue, trade.mode)];
    const result = this.ledger.apply(trade, (from, to) => this.keepFeeRate(trade, rate(from, to)));
    if (!result) return false;
    this.moveHoldings(trade);
    this.fills.push(result);
    return true;
  }

  /** A rate a fill's fee was valued at, kept with the next write so that a rebuild values it the same. */
  private keepFeeRate(trade: Trade, rate: number | undefined): number | undefined {
    if (rate !== undefined && rate > 0 && Number.isFinite(rate)) {
      this.pendingFeeRates.push({ venue: trade.venue, mode: trade.mode, tradeId: trade.id, rate });
      this.scheduleFlush();
    }
    return rate;
  }

  private moveHoldings(trade: Trade): void {
    this.holdings.applyTrade(trade);
    const modes = this.holdingsToSave.get(trade.venue);
    if (modes) modes.add(trade.mode);
    else this.holdingsToSave.set(trade.venue, new Set([trade.mode]));
  }

  private replayedKeySet(): Set<string> {
    if (!this.replayedKeys) {
      this.replayedKeys = new Set();
      for (let i = 0; i < this.replayed; i += 1) {
        const f = this.fills[i]!;
        this.replayedKeys.add(fillKey(f.venue, f.mode, f.tradeId));
      }
    }
    return this.replayedKeys;
  }

  private onTrade(trade: Trade): void {
    if (isMargin(trade.venue)) {
      // Its equity snapshot follows the terminal's positions change, which also covers trades made in the terminal.
      void this.refreshMargin().catch(() => undefined);
      return;
    }
    this.ensureBuilt(trade);
    if (!this.applyFill(trade)) return;
    const view = viewOf(trade.venue, trade.mode);
    this.dirty.add(view);
    this.scheduleFlush();
    // Venues report the balances a fill moved just after it (or a moment later when polled): the snapshot waits for
    // them, so that it values the cash spent as well as the coins bought.
    const waiting = this.fillSnapshots.get(view);
    if (waiting) {
      waiting.at = trade.timestamp;
      return;
    }
    const timer = setTimeout(() => this.takeFillSnapshot(view), this.options.tradeSnapshotWaitMs ?? 1_000);
    timer.unref?.();
    this.fillSnapshots.set(view, { at: trade.timestamp, timer });
  }

  private takeFillSnapshot(view: PortfolioView): void {
    const waiting = this.fillSnapshots.get(view);
    if (!waiting) return;
    clearTimeout(waiting.timer);
    this.fillSnapshots.delete(view);
    this.snapshot(view, 'trade', Math.max(waiting.at, this.lastSnapshotAt.get(view) ?? 0));
  }

  private onBalances(venue: VenueId, mode: TradingMode, balances: readonly Balance[]): void {
    if (isMargin(venue)) {
      void this.refreshMargin().catch(() => undefined);
      return;
    }
    this.ensureBuilt();
    const transfers = this.holdings.applyBalances(venue, mode, balances, this.now());
    this.holdingsToSave.set(venue, (this.holdingsToSave.get(venue) ?? new Set()).add(mode));
    this.scheduleFlush();
    if (transfers.length > 0) {
      this.options.repository.saveTransfers(transfers);
      this.transfers.push(...transfers);
    }
    this.dirty.add(viewOf(venue, mode));
    this.takeFillSnapshot(viewOf(venue, mode));
  }

  private figures(view: PortfolioView): ViewFigures | MarginFigures {
    const { currency } = this.settingsCache;
    if (view === 'mt5') return new MarginFigures(this.margin, this.rates, view, currency);
    return new ViewFigures({ ledger: this.ledger, holdings: this.holdings, rates: this.rates, transfers: this.transfers }, view, currency);
  }

  /** The ledger lines of a view, oldest first: the fills' results, or for margin accounts their deals. */
  private fillsOf(view: PortfolioView): readonly FillResult[] {
    return view === 'mt5' ? this.margin.fills() : this.fills;
  }

  /**
   * Before a question about the mt5 view: the terminals are read again unless what was read is fresh. Other views
   * are kept up to date by the bus and need nothing.
   */
  async ready(view: PortfolioView): Promise<void> {
    if (view === 'mt5' && this.now() - this.margin.refreshedAt > MARGIN_FRESH_MS) await this.refreshMargin();
  }

  /** Reads the margin accounts again (a deal, a balance, the positions changed); after a fill, snapshots equity. */
  async refreshMargin(reason?: 'trade' | 'interval'): Promise<void> {
    const accounts = this.options.marginAccounts?.() ?? [];
    if (accounts.length === 0 && this.margin.accounts().length === 0) return;
    await this.margin.refresh(accounts, this.now());
    this.dirty.add('mt5');
    if (reason) this.snapshot('mt5', reason);
  }

  private snapshot(view: PortfolioView, reason: EquitySnapshot['reason'], at = this.now()): void {
    const figures = this.figures(view);
    const valuation = figures.valuation();
    if (valuation.holdings.length === 0) return;
    // What has no price now is asked of the venues, so that the next snapshot values it.
    if (valuation.unpriced.length > 0) this.askPrices(view, figures.currency, valuation.unpriced);
    this.lastSnapshotAt.set(view, at);
    this.pendingSnapshots.push({ view, at, currency: figures.currency, equity: valuation.total, unpriced: valuation.unpriced.length, reason });
    this.scheduleFlush();
  }

  /** Snapshots and holdings are written together a moment later: a burst of fills costs one write, not one each. */
  private scheduleFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => this.flushSnapshots(), 50);
    this.flushTimer.unref?.();
  }

  private snapshotAll(reason: EquitySnapshot['reason']): void {
    this.ensureBuilt();
    for (const view of PORTFOLIO_VIEWS) if (view !== 'mt5') this.snapshot(view, reason);
    // The terminals are read first, so that the snapshot has their floating profit of now.
    void this.refreshMargin('interval').catch(() => undefined);
  }

  private flushSnapshots(): void {
    if (this.flushTimer) clearTimeout(this.flushTimer);
    this.flushTimer = undefined;
    if (!this.options.repository.open) return;
    const batch = this.pendingSnapshots;
    this.pendingSnapshots = [];
    const holdings = [...this.holdingsToSave].flatMap(([venue, modes]) =>
      [...modes].map((mode) => ({ venue, mode, assets: new Map(this.holdings.list((v, m) => v === venue && m === mode).map((h) => [h.asset, h.amount])) })),
    );
    this.holdingsToSave.clear();
    const feeRates = this.pendingFeeRates;
    this.pendingFeeRates = [];
    this.options.repository.save(batch, holdings, this.now(), feeRates);
  }

  private push(): void {
    for (const view of this.dirty) {
      const figures = this.figures(view);
      const summary = figures.summary(this.now());
      if (summary.holdings.length === 0 && figures.positionStates().length === 0) continue;
      const event = {
        view,
        currency: summary.currency,
        equity: summary.equity,
        realized: summary.realized,
        unrealized: summary.unrealized,
        unpricedCount: summary.unpriced.length,
        at: summary.at,
      };
      const { at: _at, ...figuresOnly } = event;
      const fingerprint = JSON.stringify(figuresOnly);
      if (this.lastPushed.get(view) === fingerprint) continue;
      this.lastPushed.set(view, fingerprint);
      this.options.bus.publish('portfolio.updated', event);
    }
    this.dirty.clear();
  }

  /** Asks the venues for the pairs that would price what has no price yet (not awaited; the push tells the screen). */
  private askPrices(view: PortfolioView, currency: string, unpriced: readonly { asset: string }[]): void {
    const prices = this.options.prices;
    if (!prices) return;
    const wanted = new Set<string>();
    for (const h of unpriced) {
      wanted.add(`${h.asset}/${currency}`).add(`${currency}/${h.asset}`);
      for (const bridge of BRIDGE_CURRENCIES) wanted.add(`${h.asset}/${bridge}`).add(`${bridge}/${currency}`).add(`${currency}/${bridge}`);
    }
    for (const p of this.figures(view).positionStates()) if (p.quantity !== 0) wanted.add(p.symbol);
    const allow = priceSourceFor(view);
    const now = this.now();
    void (async () => {
      for (const venue of prices.venues().filter(allow)) {
        const symbols = await prices.symbols(venue).catch(() => new Set<string>());
        for (const symbol of wanted) {
          const key = `${venue}|${symbol}`;
          if (!symbols.has(symbol) || now - (this.asked.get(key) ?? 0) < PRICE_REFRESH_MS) continue;
          this.asked.set(key, now);
          const ticker = await prices.ticker(venue, symbol).catch(() => undefined);
          if (!ticker) continue;
          this.rates.update(venue, symbol, ticker.last, ticker.timestamp);
          this.dirty.add(view);
        }
      }
    })();
  }
}

function fillKey(venue: VenueId, mode: TradingMode, tradeId: string): string {
  return `${venue}|${mode}|${tradeId}`;
}
