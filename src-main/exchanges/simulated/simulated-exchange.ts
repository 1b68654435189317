// The matching engine behind the demo venue (prices from DemoVenue) and paper trading (prices from a real venue's
// public data). The order service talks to it through the TradingVenue port exactly as to a real exchange: the same
// refusals with the same codes, client order ids that are never taken twice, and every change pushed as it happens.
import { randomBytes } from 'node:crypto';
import {
  AppError,
  checkOrder,
  describeOrderIssues,
  OrderRequest,
  type Balance,
  type Candle,
  type Market,
  type Order,
  type Symbol,
  type Ticker,
  type Timeframe,
  type Trade,
  type VenueId,
} from '../../../src-shared';
import type { CandleQuery, LiveCandleSource, MarketDataVenue, OrderActivity, TradingVenue } from '../ports';
import { AccountBook, type AccountDraft } from './account-book';
import { checkStartingBalances, DEFAULT_STARTING_BALANCES, freshAccount, isResting, type BookedOrder, type SimulatedMode } from './account-state';
import { InMemoryAccountStore, type AccountHistory, type SimulatedAccountStore } from './account-store';
import { balancesOf, cancelBooked, copyOrder, fillOrder, fundsToHold, holdFunds, type LedgerContext } from './ledger';
import { arrivalFillPrice, restingFillPrice, stopCrossed, touchPrice } from './matching';
import { PriceWatch } from './price-watch';

export interface SimulatedExchangeOptions {
  venue: VenueId;
  mode: SimulatedMode;
  prices: MarketDataVenue;
  /** Live updates of the priced venue; without one, symbols with resting orders are polled every `pollMs`. */
  live?: LiveCandleSource;
  /** Where the account is kept; in memory only when absent. */
  store?: SimulatedAccountStore;
  /** Balances of a new (or reset) account; DEFAULT_STARTING_BALANCES when absent. */
  startingBalances?: Record<string, number>;
  /** Taker fee as a fraction, charged in the asset received (default 0.001, 0.1 %). */
  feeRate?: number;
  now?: () => number;
  pollMs?: number;
}

type ActivityListener = (activity: OrderActivity) => void;

export class SimulatedExchange implements TradingVenue {
  readonly id: VenueId;
  readonly mode: SimulatedMode;
  private readonly prices: MarketDataVenue;
  private readonly store: SimulatedAccountStore;
  private readonly feeRate: number;
  private readonly clock: () => number;
  private readonly watch: PriceWatch;
  private readonly listeners = new Set<ActivityListener>();
  /** Client ids of creates still waiting for a price: a second create with one is a duplicate too. */
  private readonly arriving = new Set<string>();
  private startingBalances: Record<string, number>;
  private book: AccountBook;
  /** Why the saved account could not be read: every call but reset() is refused with it. */
  private unreadable: AppError | undefined;
  private marketsLoad: Promise<Market[]> | undefined;
  private closed = false;

  constructor(options: SimulatedExchangeOptions) {
    this.id = options.venue;
    this.mode = options.mode;
    this.prices = options.prices;
    this.store = options.store ?? new InMemoryAccountStore();
    this.feeRate = options.feeRate ?? 0.001;
    this.clock = options.now ?? Date.now;
    const pollMs = options.pollMs ?? 1_000;
    if (!(this.feeRate >= 0 && this.feeRate < 1)) {
      throw new AppError('INVALID_REQUEST', `the fee rate is a fraction between 0 and 1 (0.001 is 0.1 %), got ${this.feeRate}`);
    }
    if (!(pollMs > 0)) throw new AppError('INVALID_REQUEST', `the price poll interval must be above 0 ms, got ${pollMs}`);
    this.startingBalances = { ...(options.startingBalances ?? DEFAULT_STARTING_BALANCES) };
    const badStart = checkStartingBalances(this.startingBalances);
    if (badStart) throw new AppError('INVALID_REQUEST', badStart);

    this.book = new AccountBook(freshAccount(this.startingBalances), this.history());
    try {
      const saved = this.store.load(this.id, this.mode);
      if (saved) this.book = new AccountBook(saved, this.history());
    } catch (error) {
      this.unreadable = error instanceof AppError ? error : new AppError('INTERNAL', `the saved ${this.mode} account cannot be read: ${String(error)}`);
    }
    this.watch = new PriceWatch({ prices: this.prices, live: options.live, pollMs, onTicker: (ticker) => this.onTicker(ticker) });
    // Orders resting when the app last stopped go on matching from the first price.
    this.syncWatches();
  }

  markets(): Promise<Market[]> {
    return this.prices.markets();
  }

  ticker(symbol: Symbol): Promise<Ticker> {
    return this.prices.ticker(symbol);
  }

  candles(symbol: Symbol, timeframe: Timeframe, query: CandleQuery): Promise<Candle[]> {
    return this.prices.candles(symbol, timeframe, query);
  }

  /** "sim" and 16 url-safe random characters (96 bits): never the same twice in practice. */
  newClientOrderId(): string {
    return `sim${randomBytes(12).toString('base64url')}`;
  }

  async balance(): Promise<Balance[]> {
    this.assertUsable();
    return balancesOf(this.book, this.id);
  }

  async createOrder(request: OrderRequest, clientOrderId: string): Promise<Order> {
    this.assertUsable();
    const parsed = OrderRequest.safeParse(request);
    if (!parsed.success) {
      throw new AppError('INVALID_REQUEST', `the order is not valid: ${parsed.error.issues.map((issue) => issue.message).join('; ')}`);
    }
    const order = parsed.data;
    if (order.venue !== this.id) {
      throw new AppError('INVALID_REQUEST', `this ${this.mode} account trades on ${this.id}, not ${order.venue}`);
    }
    if (!/^[A-Za-z0-9_-]{1,64}$/.test(clientOrderId)) {
      throw new AppError('INVALID_REQUEST', 'a client order id is 1 to 64 letters, digits, "-" or "_"');
    }
    if (this.arriving.has(clientOrderId) || this.book.orderByClientId(clientOrderId)) {
      throw new AppError('ORDER_REJECTED', `duplicate client order id ${clientOrderId}: an order with it was already placed`);
    }
    this.arriving.add(clientOrderId);
    try {
      const [market, ticker] = await Promise.all([this.market(order.symbol), this.prices.ticker(order.symbol)]);
      const issues = checkOrder(order, market, ticker.last);
      if (issues.length > 0) throw new AppError('ORDER_REJECTED', `${order.symbol}: ${describeOrderIssues(issues)}`);
      if (this.closed) throw new AppError('INTERNAL', `the ${this.mode} account on ${this.id} is closed`);
      const { activities, order: placed } = this.transact((draft) => this.place(draft, order, clientOrderId, ticker));
      for (const activity of activities) this.emit(activity);
      this.syncWatches();
      return placed;
    } finally {
      this.arriving.delete(clientOrderId);
    }
  }

  async cancelOrder(symbol: Symbol, exchangeOrderId: string): Promise<Order> {
    this.assertUsable();
    const current = this.findOrder(symbol, exchangeOrderId);
    if (!isResting(current)) {
      throw new AppError('ORDER_REJECTED', `order ${exchangeOrderId} on ${symbol} is already ${current.order.status}: there is nothing to cancel`);
    }
    const activity = this.transact((draft) => {
      const booked = draft.edit(exchangeOrderId)!;
      cancelBooked(draft, booked, this.now());
      return this.activity(draft, booked, []);
    });
    this.emit(activity);
    this.syncWatches();
    return copyOrder(activity.order);
  }

  async fetchOrder(symbol: Symbol, exchangeOrderId: string): Promise<Order> {
    this.assertUsable();
    return copyOrder(this.findOrder(symbol, exchangeOrderId).order);
  }

  async fetchOrderByClientId(symbol: Symbol, clientOrderId: string): Promise<Order | undefined> {
    this.assertUsable();
    const booked = this.book.orderByClientId(clientOrderId);
    return booked && booked.order.symbol === symbol ? copyOrder(booked.order) : undefined;
  }

  async openOrders(symbol?: Symbol): Promise<Order[]> {
    this.assertUsable();
    return this.book.restingOrders(symbol).map((booked) => copyOrder(booked.order));
  }

  async myTrades(symbol: Symbol, since?: number): Promise<Trade[]> {
    this.assertUsable();
    return this.book.tradesOf(symbol, since).map((trade) => ({ ...trade }));
  }

  watchOrders(listener: ActivityListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Cancels every resting order and puts the account back to its starting balances (these ones from now on when
   * given). Order and trade history stay, so old client order ids remain taken. Also the way out of an account
   * whose saved state could not be read: that one starts over empty.
   */
  async reset(startingBalances?: Record<string, number>): Promise<void> {
    const starting = { ...(startingBalances ?? this.startingBalances) };
    const badStart = checkStartingBalances(starting);
    if (badStart) throw new AppError('INVALID_REQUEST', badStart);
    const book = this.unreadable ? new AccountBook(freshAccount(starting), this.history()) : this.book;
    const activities = this.transact(
      (draft) => {
        const cancelled = book.restingOrders().map((booked) => draft.edit(booked.order.exchangeOrderId!)!);
        for (const booked of cancelled) cancelBooked(draft, booked, this.now());
        draft.balances = freshAccount(starting).balances;
        return cancelled.map((booked) => this.activity(draft, booked, []));
      },
      { book, startOver: this.unreadable !== undefined },
    );
    this.unreadable = undefined;
    this.startingBalances = starting;
    for (const activity of activities) this.emit(activity);
    this.syncWatches();
  }

  /** Stops every price feed and timer; the account stays saved as it is. */
  close(): void {
    this.closed = true;
    this.watch.closeAll();
    this.listeners.clear();
  }

  // ---- matching ----

  private place(draft: AccountDraft, request: OrderRequest, clientOrderId: string, ticker: Ticker): { activities: OrderActivity[]; order: Order } {
    const now = this.now();
    const touch = touchPrice(request.side, ticker);
    const held = fundsToHold(request.side, request.symbol, request.amount, request.type === 'market' ? touch : request.price!);
    holdFunds(draft, held.asset, held.amount);
    const order: Order = {
      clientOrderId,
      exchangeOrderId: String(draft.nextOrderId++),
      venue: this.id,
      mode: this.mode,
      symbol: request.symbol,
      side: request.side,
      type: request.type,
      amount: request.amount,
      ...(request.price === undefined || request.type === 'market' ? {} : { price: request.price }),
      ...(request.stopPrice === undefined || request.type !== 'stop-limit' ? {} : { stopPrice: request.stopPrice }),
      filled: 0,
      status: 'open',
      createdAt: now,
      updatedAt: now,
    };
    const booked: BookedOrder = { order, triggered: false, lockedAsset: held.asset, locked: held.amount };
    draft.add(booked);
    let fillPrice: number | undefined;
    if (request.type === 'market') fillPrice = touch;
    else if (request.type === 'limit') fillPrice = arrivalFillPrice(request.side, request.price!, ticker);
    else if (stopCrossed(request.side, request.stopPrice!, ticker)) {
      booked.triggered = true;
      fillPrice = arrivalFillPrice(request.side, request.price!, ticker);
    }
    const trades = fillPrice === undefined ? [] : [fillOrder(draft, booked, fillPrice, this.ledger())];
    return { activities: [this.activity(draft, booked, trades)], order: copyOrder(order) };
  }

  private onTicker(ticker: Ticker): void {
    if (this.closed || this.unreadable) return;
    // Decided on the live state first: most prices move no order, and those must not cost a copy and a save.
    const moved = this.book.restingOrders(ticker.symbol).filter((booked) => this.moves(booked, ticker));
    for (const { order } of moved) {
      try {
        const activities = this.transact((draft) => {
          const booked = draft.edit(order.exchangeOrderId!);
          return booked && isResting(booked) ? this.match(draft, booked, ticker) : [];
        });
        for (const activity of activities) this.emit(activity);
      } catch {
        // Only a failed save gets here; nothing changed, and the order is tried again on the next price.
      }
    }
    this.syncWatches();
  }

  /** What one price does to one resting order: a stop may trigger (and then trade as a new limit), a limit may fill. */
  private match(draft: AccountDraft, booked: BookedOrder, ticker: Ticker): OrderActivity[] {
    const { side, price, stopPrice } = booked.order;
    if (price === undefined) return [];
    if (booked.order.type === 'stop-limit' && !booked.triggered) {
      if (stopPrice === undefined || !stopCrossed(side, stopPrice, ticker)) return [];
      booked.triggered = true;
      booked.order.updatedAt = this.now();
      const triggered = this.activity(draft, booked, []);
      const fillPrice = arrivalFillPrice(side, price, ticker);
      if (fillPrice === undefined) return [triggered];
      return [triggered, this.activity(draft, booked, [fillOrder(draft, booked, fillPrice, this.ledger())])];
    }
    const fillPrice = restingFillPrice(side, price, ticker);
    return fillPrice === undefined ? [] : [this.activity(draft, booked, [fillOrder(draft, booked, fillPrice, this.ledger())])];
  }

  private moves(booked: BookedOrder, ticker: Ticker): boolean {
    const { side, price, stopPrice } = booked.order;
    if (price === undefined) return false;
    if (booked.order.type === 'stop-limit' && !booked.triggered) return stopPrice !== undefined && stopCrossed(side, stopPrice, ticker);
    return restingFillPrice(side, price, ticker) !== undefined;
  }

  private syncWatches(): void {
    if (this.closed || this.unreadable) return this.watch.closeAll();
    const wanted = new Set(this.book.restingOrders().map((booked) => booked.order.symbol));
    this.watch.watchOnly(wanted);
  }

  // ---- state ----

  /**
   * Runs `change` on a draft of the account and saves it before it becomes the account: a refusal thrown by
   * `change`, or a save that fails, leaves memory and disk as they were.
   */
  private transact<T>(change: (draft: AccountDraft) => T, options: { book?: AccountBook; startOver?: boolean } = {}): T {
    const book = options.book ?? this.book;
    const draft = book.draft();
    const result = change(draft);
    const saved = options.startOver ? { ...draft.change(), startOver: true } : draft.change();
    try {
      this.store.save(this.id, this.mode, saved);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new AppError('INTERNAL', `the ${this.mode} account on ${this.id} could not be saved, so nothing changed: ${detail}`, false, { cause: error });
    }
    book.apply(saved);
    this.book = book;
    return result;
  }

  private activity(draft: AccountDraft, booked: BookedOrder, trades: Trade[]): OrderActivity {
    return { order: copyOrder(booked.order), trades: trades.map((trade) => ({ ...trade })), balances: balancesOf(draft, this.id) };
  }

  private emit(activity: OrderActivity): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(activity);
      } catch {
        // A listener's failure is its own: the engine and the other listeners go on.
      }
    }
  }

  private history(): AccountHistory | undefined {
    return this.store.history?.(this.id, this.mode);
  }

  private ledger(): LedgerContext {
    return { venue: this.id, mode: this.mode, feeRate: this.feeRate, now: this.now() };
  }

  private now(): number {
    return Math.max(0, Math.round(this.clock()));
  }

  private assertUsable(): void {
    if (this.unreadable) throw this.unreadable;
  }

  private async market(symbol: Symbol): Promise<Market> {
    this.marketsLoad ??= this.prices.markets().catch((error: unknown) => {
      this.marketsLoad = undefined; // a failed load is tried again by the next order
      throw error;
    });
    const market = (await this.marketsLoad).find((candidate) => candidate.symbol === symbol);
    if (!market) throw new AppError('NOT_FOUND', `${this.id} has no market ${symbol}`);
    return market;
  }

  private findOrder(symbol: Symbol, exchangeOrderId: string): BookedOrder {
    const booked = this.book.order(exchangeOrderId);
    if (!booked || booked.order.symbol !== symbol) {
      throw new AppError('NOT_FOUND', `there is no ${this.mode} order ${exchangeOrderId} on ${symbol}`);
    }
    return booked;
  }
}
