// Risk limits and the kill switch behind one service. The order service runs `checks` after market validation and
// before the journal: the kill switch first, then each scope's limits (the account's, then the global ones). A
// refusal is thrown as RISK_LIMIT naming the limit and the figures, logged, and published on the bus; figures near a
// limit publish a warning. Positions and the daily P&L come from fills on the bus.
import {
  describeZodIssues,
  AppError,
  RiskSettings,
  executionPrice,
  type KillSwitchState,
  type Market,
  type Order,
  type PlaceOrder,
  type RiskLimitEvent,
  type RiskLogEntry,
  type RiskScope,
  type TradingMode,
  type VenueId,
} from '../../src-shared';
import type { EventBus } from '../events';
import { systemClock, type Clock } from '../resilience';
import type { CancelTarget } from './cancel-targets';
import { DeadManSweeps } from './dead-man-sweeps';
import type { DeadManLapse } from './dead-man-switch';
import { dayStart } from './daily-window';
import { KillSwitch } from './kill-switch';
import { checkScope, type Breach, type ScopeFigures } from './limits';
import { OpenOrderTracker } from './open-orders';
import { PositionBook, type Position as BookPosition } from './position-book';
import type { RiskRepository } from './risk-repository';
import { money, scopeWords } from './words';

/** The order service's pre-trade hook (src-main/trading): throw to refuse. */
export type PreTradeCheck = (order: PlaceOrder, context: { market: Market; referencePrice: number | undefined }) => void | Promise<void>;

/** `amount` of `from` in `to`, with the prices of the book (venue, mode) it belongs to; undefined: no rate. */
export type CurrencyConverter = (amount: number, from: string, to: string, book: { venue: VenueId; mode: TradingMode }) => number | undefined;

const sameCurrencyOnly: CurrencyConverter = (amount, from, to) => (from === to ? amount : undefined);
const quoteOf = (symbol: string): string => symbol.split('/')[1] ?? '';

export interface RiskServiceOptions {
  repository: RiskRepository;
  bus: EventBus;
  /** Every connected venue with a way to cancel all its orders (see connected-venues.ts). */
  cancelTargets: () => CancelTarget[];
  /** Orders open now; by default those the bus reported (`order.updated`). */
  openOrders?: () => Order[] | Promise<Order[]>;
  killSwitchRetryDelaysMs?: readonly number[];
  /** The kill switch's (and the dead-man sweep's) steady pace after the quick retries; default 15 s, jittered. */
  killSwitchSlowRetryMs?: number;
  /** Timers of the sweeps (tests pass a manual clock); `now` still stamps the limits and the log. */
  clock?: Clock;
  random?: () => number;
  /**
   * Converts an amount between currencies for the figures that add several markets (a global daily loss over
   * BTC/USDT and ETH/EUR): the portfolio's rates in the app. Undefined when there is no rate; such an amount is left
   * out rather than added as if it were the same currency. Without it, only amounts already in the currency count.
   */
  convert?: CurrencyConverter;
  /** How long the same warning stays quiet after it was published. */
  warningQuietMs?: number;
  now?: () => number;
}

const MODES: readonly TradingMode[] = ['live', 'paper', 'demo'];
const EPSILON = 1e-9;

export class RiskService {
  readonly killSwitch: KillSwitch;
  readonly deadManSweeps: DeadManSweeps;
  private settingsCache: RiskSettings;
  private readonly book: PositionBook;
  private readonly tracker = new OpenOrderTracker();
  private readonly now: () => number;
  private readonly lastWarned = new Map<string, number>();
  /** Daily-loss crossings already published this risk day (`scope|mode|level|dayStart`). */
  private readonly dailyPublished = new Set<string>();
  private readonly unsubscribe: (() => void)[];
  private pendingSeed: (() => Parameters<PositionBook['applyTrade']>[0][]) | undefined;

  constructor(private readonly options: RiskServiceOptions) {
    this.now = options.now ?? Date.now;
    this.settingsCache = options.repository.settings();
    this.book = new PositionBook(() => this.settingsCache.dailyResetUtc);
    this.killSwitch = new KillSwitch({
      repository: options.repository,
      targets: options.cancelTargets,
      onChange: (state) => options.bus.publish('risk.kill-switch.changed', state),
      clock: options.clock ?? { ...systemClock, now: this.now },
      ...(options.killSwitchRetryDelaysMs ? { retryDelaysMs: options.killSwitchRetryDelaysMs } : {}),
      ...(options.killSwitchSlowRetryMs ? { slowRetryMs: options.killSwitchSlowRetryMs } : {}),
      ...(options.random ? { random: options.random } : {}),
    });
    this.deadManSweeps = new DeadManSweeps({ repository: options.repository, targets: options.cancelTargets, timing: this.killSwitch.timing });
    const { bus } = options;
    this.unsubscribe = [
      bus.subscribe('order.updated', (order) => this.tracker.update(order)),
      bus.subscribe('trade.executed', (trade) => {
        this.seedNow();
        this.book.applyTrade(trade);
        this.watchDailyLoss(trade.venue, trade.mode, trade.symbol);
      }),
      bus.subscribe('price.updated', (ticker) => {
        this.seedNow();
        this.book.mark(ticker, MODES);
        for (const mode of MODES) this.watchDailyLoss(ticker.venue, mode, ticker.symbol);
      }),
    ];
  }

  settings(): RiskSettings {
    return structuredClone(this.settingsCache);
  }

  updateSettings(input: RiskSettings): RiskSettings {
    const parsed = RiskSettings.safeParse(input);
    if (!parsed.success) throw new AppError('INVALID_REQUEST', `risk settings: ${describeZodIssues(parsed.error, '')}`);
    this.options.repository.saveSettings(parsed.data);
    this.settingsCache = parsed.data;
    this.options.repository.log({ kind: 'limits-changed', message: `Risk limits saved: ${describeSettings(parsed.data)}` });
    return this.settings();
  }

  log(limit: number): RiskLogEntry[] {
    return this.options.repository.entries(limit);
  }

  /** Fills the journal already holds (at start), oldest first, so positions survive a restart. */
  seedTrades(trades: Parameters<PositionBook['applyTrade']>[0][]): void {
    for (const trade of [...trades].sort((a, b) => a.timestamp - b.timestamp)) this.book.applyTrade(trade);
  }

  /**
   * The same, read when first needed — the first order checked, fill or price seen — or by `seedNow`, so that reading
   * the journal is not part of the app's start.
   */
  seedTradesLater(read: () => Parameters<PositionBook['applyTrade']>[0][]): void {
    this.pendingSeed = read;
  }

  /** Reads the fills given to seedTradesLater now, if nothing needed them yet. */
  seedNow(): void {
    const read = this.pendingSeed;
    if (!read) return;
    this.pendingSeed = undefined;
    this.seedTrades(read());
  }

  /** Orders open at start (from the journal or the venues), before any `order.updated`. */
  seedOpenOrders(orders: Order[]): void {
    for (const order of orders) this.tracker.update(order);
  }

  /** At start, once the order service exists: a kill switch left engaged sweeps again. */
  start(): void {
    this.killSwitch.resume();
  }

  /**
   * A venue answers again (its account connected, its link came back, a wake-up): an engaged kill switch and a
   * dead-man check waiting for it try that venue now instead of at their next slow retry.
   */
  venueReachable(venue: VenueId): void {
    this.killSwitch.venueReachable(venue);
    this.deadManSweeps.venueReachable(venue);
  }

  /** What the app found when a venue came back after an outage or a wake-up (see catch-up.ts). */
  caughtUp(venue: VenueId, message: string): void {
    this.options.repository.log({ kind: 'caught-up', venue, message });
  }

  /** The dead-man switch says a venue's countdown ran out while it could not be renewed (see dead-man-sweeps.ts). */
  deadManLapsed(venue: VenueId, lapse: DeadManLapse): void {
    this.deadManSweeps.lapsed(venue, lapse);
  }

  engageKillSwitch(reason?: string): KillSwitchState {
    return this.killSwitch.engage(reason);
  }

  releaseKillSwitch(): KillSwitchState {
    return this.killSwitch.release();
  }

  /** What the order service runs before journaling an order. */
  get checks(): PreTradeCheck[] {
    return [(order) => this.checkKillSwitch(order), (order, context) => this.checkLimits(order, context.market, context.referencePrice)];
  }

  close(): void {
    for (const off of this.unsubscribe) off();
    this.killSwitch.close();
    this.deadManSweeps.close();
  }

  private checkKillSwitch(order: PlaceOrder): void {
    try {
      this.killSwitch.check();
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.repository.log({ kind: 'refused', venue: order.venue, symbol: order.symbol, message: `${describeOrder(order)}: ${message}` });
      throw error;
    }
  }

  private async checkLimits(order: PlaceOrder, market: Market, referencePrice: number | undefined): Promise<void> {
    this.seedNow();
    const settings = this.settingsCache;
    const now = this.now();
    if (referencePrice !== undefined) this.book.markPrice(order.venue, order.mode, order.symbol, referencePrice, now);
    const position = this.book.quantity(order.venue, order.mode, order.symbol);
    const signed = order.side === 'buy' ? 1 : -1;
    const reducing = position !== 0 && Math.sign(position) !== signed && order.amount <= Math.abs(position) + EPSILON;
    const price = executionPrice(order, referencePrice);
    // Lots of a contract (MT5) are valued in the account currency; units of a coin in the quote currency.
    const valuation = market.valuation;
    const figures = valuation
      ? { order, base: 'lots', quote: valuation.currency, price: price === undefined ? undefined : price * valuation.perUnitPrice, reducing }
      : { order, base: market.base, quote: market.quote, price, reducing };
    const open = await (this.options.openOrders ?? (() => this.tracker.list()))();
    const account = settings.accounts[order.venue];
    const scopes: { scope: RiskScope; limits: typeof settings.global }[] = [
      ...(account ? [{ scope: order.venue, limits: account }] : []),
      { scope: 'global', limits: settings.global },
    ];
    const warnings: Breach[] = [];
    for (const { scope, limits } of scopes) {
      const venue = scope === 'global' ? undefined : order.venue;
      const verdict = checkScope(figures, this.scopeFigures(scope, limits, order, open, venue, now, figures.quote), settings.warnAtPct);
      if (verdict.refusal) {
        const breach = verdict.refusal;
        this.options.repository.log({ kind: 'refused', venue: order.venue, symbol: order.symbol, message: `${describeOrder(order)}: ${breach.message}` });
        this.publish('exceeded', breach, order.venue, order.mode, order.symbol);
        const params: Record<string, string | number> = { scope: breach.scope, value: breach.value, threshold: breach.threshold, symbol: order.symbol, quote: figures.quote };
        // The order's own figures, which the sentence names; no price means the value could not be checked.
        params.amount = order.amount;
        params.base = figures.base;
        if (figures.price !== undefined) params.price = figures.price;
        throw AppError.because('RISK_LIMIT', `limit.${breach.limit}`, params, breach.message);
      }
      warnings.push(...verdict.warnings);
    }
    for (const warning of warnings) this.warn(warning, order.venue, order.mode, order.symbol);
  }

  private scopeFigures(
    scope: RiskScope,
    limits: ScopeFigures['limits'],
    order: PlaceOrder,
    open: Order[],
    venue: VenueId | undefined,
    now: number,
    currency: string,
  ): ScopeFigures {
    const inScope = (o: { venue: VenueId; mode: TradingMode }) => o.mode === order.mode && (venue === undefined || o.venue === venue);
    const positions = this.book.positions(now, { mode: order.mode, ...(venue ? { venue } : {}) });
    const scopeOpen = open.filter(inScope);
    return {
      scope,
      limits,
      openOrders: scopeOpen.length,
      position: positions.filter((p) => p.symbol === order.symbol).reduce((sum, p) => sum + p.quantity, 0),
      pendingSameSide: scopeOpen
        .filter((o) => o.symbol === order.symbol && o.side === order.side)
        .reduce((sum, o) => sum + Math.max(0, o.amount - o.filled), 0),
      realizedToday: this.sumIn(currency, positions, (p) => p.realizedToday),
      unrealizedToday: this.sumIn(currency, positions, (p) => p.unrealizedToday),
      resetWords: `${this.settingsCache.dailyResetUtc} UTC`,
    };
  }

  /**
   * Adds a figure over positions of several markets in one currency: each converted from its quote (USDT + EUR + BTC
   * are not one number). MT5 symbols carry no quote and are taken as they are, in the account currency.
   */
  private sumIn(currency: string, positions: readonly BookPosition[], figure: (p: BookPosition) => number): number {
    const convert = this.options.convert ?? sameCurrencyOnly;
    let sum = 0;
    for (const position of positions) {
      const value = figure(position);
      if (value === 0) continue;
      const quote = quoteOf(position.symbol) || currency;
      sum += convert(value, quote, currency, position) ?? 0;
    }
    return sum;
  }

  /** After a fill or a price move: publishes the daily loss reaching its warning share or its limit, once a day. */
  private watchDailyLoss(venue: VenueId, mode: TradingMode, symbol: string): void {
    const settings = this.settingsCache;
    const now = this.now();
    const quote = symbol.split('/')[1] ?? '';
    const scopes: [RiskScope, number | undefined][] = [
      [venue, settings.accounts[venue]?.maxDailyLoss],
      ['global', settings.global.maxDailyLoss],
    ];
    for (const [scope, max] of scopes) {
      if (max === undefined) continue;
      const positions = this.book.positions(now, { mode, ...(scope === 'global' ? {} : { venue }) });
      const loss = Math.max(0, -this.sumIn(quote, positions, (p) => p.realizedToday + p.unrealizedToday));
      const level = loss >= max ? 'exceeded' : loss >= (max * settings.warnAtPct) / 100 && loss > 0 ? 'warning' : undefined;
      if (!level) continue;
      const key = `${scope}|${mode}|${level}|${dayStart(now, settings.dailyResetUtc)}`;
      if (this.dailyPublished.has(key)) continue;
      this.dailyPublished.add(key);
      const message =
        level === 'exceeded'
          ? `${scopeWords(scope)} maximum daily loss is reached: ${money(loss, quote)} lost since ${settings.dailyResetUtc} UTC, limit ${money(max, quote)}. Only orders that reduce a position are accepted until the reset.`
          : `Today's loss of ${money(loss, quote)} is near ${scopeWords(scope)} maximum daily loss of ${money(max, quote)}.`;
      const breach: Breach = { limit: 'maxDailyLoss', scope, value: loss, threshold: max, message: capitalize(message) };
      this.options.repository.log({ kind: level, venue, message: breach.message });
      this.publish(level, breach, venue, mode, undefined);
    }
  }

  private warn(breach: Breach, venue: VenueId, mode: TradingMode, symbol: string): void {
    const key = `${breach.scope}|${breach.limit}|${venue}|${mode}|${symbol}`;
    const now = this.now();
    const last = this.lastWarned.get(key);
    if (last !== undefined && now - last < (this.options.warningQuietMs ?? 60_000)) return;
    this.lastWarned.set(key, now);
    this.options.repository.log({ kind: 'warning', venue, symbol, message: breach.message });
    this.publish('warning', breach, venue, mode, symbol);
  }

  private publish(level: RiskLimitEvent['level'], breach: Breach, venue: VenueId, mode: TradingMode, symbol: string | undefined): void {
    const event: RiskLimitEvent = {
      level,
      limit: breach.limit,
      scope: breach.scope,
      venue,
      mode,
      ...(symbol ? { symbol } : {}),
      value: breach.value,
      threshold: breach.threshold,
      message: breach.message,
      at: this.now(),
    };
    this.options.bus.publish(level === 'exceeded' ? 'risk.limit.exceeded' : 'risk.limit.warning', event);
  }
}

function describeOrder(order: PlaceOrder): string {
  const price = order.price === undefined ? '' : ` at ${order.price}`;
  return `${order.side} ${order.amount} ${order.symbol} ${order.type}${price} on ${order.venue} (${order.mode})`;
}

function describeSettings(settings: RiskSettings): string {
  const set = (limits: object) => Object.keys(limits).join(', ') || 'none';
  const accounts = Object.entries(settings.accounts).map(([venue, limits]) => `${venue}: ${set(limits ?? {})}`);
  return `global: ${set(settings.global)}${accounts.length ? `; ${accounts.join('; ')}` : ''}; daily reset ${settings.dailyResetUtc} UTC; warn at ${settings.warnAtPct} %`;
}

const capitalize = (text: string): string => text.charAt(0).toUpperCase() + text.slice(1);
