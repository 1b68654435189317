// Places, follows and cancels orders on every venue and mode, with one rule above all: an order is never sent twice.
// place(): market checks → pre-trade checks (risk) → a client order id → the intent journaled (committed) → one
// create with that id. A definite refusal marks the order rejected; any answer that leaves its fate open marks it
// unknown and hands it to the resolver, which asks the venue by client id until it knows.
import {
  describeZodIssues,
  AppError,
  errorDataOf,
  PlaceOrder,
  checkOrder,
  describeOrderIssues,
  type Balance,
  type CancelAllResult,
  type Market,
  type Order,
  type OrderRequest,
  type OrderScope,
  type PageCursor,
  type Symbol,
  type Trade,
  type TradingMode,
  type VenueId,
} from '../../src-shared';
import type { EventBus } from '../events';
import type { TradingVenue } from '../exchanges';
import { classifyCreateFailure } from './create-outcome';
import { MarketCache } from './market-cache';
import type { OrderJournal } from './order-journal';
import { OrderRecorder, type VenueKey } from './order-recorder';
import { DEFAULT_RESOLVE_TIMING, OrderResolver, type ResolveTiming, type VenueFor } from './order-resolver';
import { isFinal, isUnsettled, isWorking } from './order-state';
import { OrderTracker } from './order-tracker';
import { Reconciler, type ReconcileReport } from './reconciler';
import { venueLabel } from './venue-label';

const CANCEL_CONCURRENCY = 4;

/** A check every order must pass before it is journaled: throw an AppError (RISK_LIMIT) to refuse it. */
export type PreTradeCheck = (
  order: PlaceOrder,
  context: { market: Market; referencePrice: number | undefined },
) => void | Promise<void>;

export interface OrderServiceOptions {
  journal: OrderJournal;
  /** The venue an order of this venue and mode goes to; throws VENUE_UNAVAILABLE when it is not connected. */
  venueFor: VenueFor;
  /** The venues and modes to look at for orders placed elsewhere when reconciling (connected accounts, demo). */
  reconcileVenues?: () => VenueKey[];
  bus?: EventBus;
  checks?: PreTradeCheck[];
  /** Resolution of unknown orders (delays, receive windows); tests shorten it. */
  timing?: Partial<ResolveTiming>;
  /** How often working orders of venues that do not push are polled. */
  pollMs?: number;
  now?: () => number;
  warn?: (message: string) => void;
  /**
   * Test seam for a crash between the journal write and the send: awaited right after the intent is committed.
   * If it throws or never settles, the order stays `pending` in the journal with nothing sent, as after a crash.
   */
  afterJournal?: (order: Order) => void | Promise<void>;
}

export interface OrderListQuery {
  scope: OrderScope;
  venue?: VenueId | undefined;
  mode?: TradingMode | undefined;
  limit: number;
  before?: PageCursor | undefined;
}

export interface CancelAllQuery {
  venue: VenueId;
  mode: TradingMode;
  symbol?: Symbol | undefined;
  /** Only orders created until then (the dead-man's sweep leaves orders placed afterwards). */
  placedBefore?: number | undefined;
}

export interface TradeListQuery {
  venue?: VenueId | undefined;
  mode?: TradingMode | undefined;
  symbol?: Symbol | undefined;
  limit: number;
  before?: PageCursor | undefined;
}

export class OrderService {
  private readonly journal: OrderJournal;
  private readonly venueFor: VenueFor;
  private readonly checks: readonly PreTradeCheck[];
  private readonly now: () => number;
  private readonly markets = new MarketCache();
  private readonly recorder: OrderRecorder;
  private readonly resolver: OrderResolver;
  private readonly tracker: OrderTracker;
  private readonly reconciler: Reconciler;
  private closed = false;

  constructor(private readonly options: OrderServiceOptions) {
    this.journal = options.journal;
    this.venueFor = options.venueFor;
    this.checks = options.checks ?? [];
    this.now = options.now ?? Date.now;
    const warn = options.warn ?? ((message: string) => console.warn(message));
    this.recorder = new OrderRecorder(this.journal, options.bus, this.now);
    this.resolver = new OrderResolver(this.journal, this.recorder, this.venueFor, { ...DEFAULT_RESOLVE_TIMING, ...options.timing }, this.now);
    this.tracker = new OrderTracker(this.journal, this.recorder, this.venueFor, options.pollMs ?? 5_000, warn);
    this.recorder.onChange = (before, after) => this.tracker.observe(before, after, this.venueIfConnected(after));
    this.reconciler = new Reconciler({
      journal: this.journal,
      recorder: this.recorder,
      resolver: this.resolver,
      tracker: this.tracker,
      venueFor: this.venueFor,
      venues: options.reconcileVenues ?? (() => []),
      now: this.now,
    });
  }

  async place(input: PlaceOrder): Promise<Order> {
    this.assertOpen();
    const order = parsePlaceOrder(input);
    const key: VenueKey = { venue: order.venue, mode: order.mode };
    const venue = this.venueFor(order.venue, order.mode);
    const label = venueLabel(order.venue, order.mode);
    const market = await this.markets.market(venue, order.symbol, label);
    const referencePrice = await this.referencePrice(venue, order);
    const issues = checkOrder(order, market, referencePrice);
    // The first issue names the sentence a screen translates; the message joins them all for the log.
    if (issues[0]) throw AppError.because('ORDER_REJECTED', `order.${issues[0].rule}`, issues[0].params, describeOrderIssues(issues));
    for (const check of this.checks) await check(order, { market, referencePrice });
    this.assertOpen();

    const clientOrderId = venue.newClientOrderId();
    const now = this.now();
    const intent: Order = { clientOrderId, venue: order.venue, mode: order.mode, symbol: order.symbol, side: order.side, type: order.type, amount: order.amount, filled: 0, status: 'pending', createdAt: now, updatedAt: now };
    if (order.price !== undefined && order.type !== 'market') intent.price = order.price;
    if (order.stopPrice !== undefined && order.type === 'stop-limit') intent.stopPrice = order.stopPrice;
    // Committed before anything is sent: after a crash from here on, reconciliation finds the intent by its id.
    this.journal.insert(intent);
    this.recorder.published(intent);
    this.tracker.watch(key, venue);
    await this.options.afterJournal?.(intent);

    const request: OrderRequest = { venue: order.venue, symbol: order.symbol, side: order.side, type: order.type, amount: order.amount };
    if (intent.price !== undefined) request.price = intent.price;
    if (intent.stopPrice !== undefined) request.stopPrice = intent.stopPrice;
    let created: Order;
    try {
      created = await venue.createOrder(request, clientOrderId);
    } catch (error) {
      return this.afterFailedCreate(intent, error, label);
    }
    const merged = this.recorder.apply(key, { ...created, clientOrderId }, 'create');
    if (merged && isUnsettled(merged.status)) {
      // The venue took the order without giving it a status yet (some create answers carry none): it exists.
      return this.recorder.settle(clientOrderId, 'open', undefined) ?? merged;
    }
    return merged ?? this.journal.get(clientOrderId)?.order ?? intent;
  }

  async cancel(clientOrderId: string): Promise<Order> {
    this.assertOpen();
    let order = this.require(clientOrderId);
    if (isUnsettled(order.status)) order = (await this.resolver.lookupOnce(clientOrderId)) ?? order;
    const label = venueLabel(order.venue, order.mode);
    if (isFinal(order.status)) {
      throw new AppError('INVALID_REQUEST', `This order is already ${order.status}: there is nothing to cancel`);
    }
    if (isUnsettled(order.status) || order.exchangeOrderId === undefined) {
      throw new AppError('VENUE_UNAVAILABLE', `${label} has not confirmed this order yet, so it cannot be cancelled yet; it is being checked, try again in a moment`);
    }
    const key: VenueKey = { venue: order.venue, mode: order.mode };
    const venue = this.venueFor(order.venue, order.mode);
    try {
      const cancelled = await venue.cancelOrder(order.symbol, order.exchangeOrderId);
      return this.recorder.apply(key, { ...cancelled, clientOrderId }, 'poll') ?? this.require(clientOrderId);
    } catch (error) {
      // Refused because it has just filled or was cancelled elsewhere: the venue's current state is the answer.
      if (error instanceof AppError && (error.code === 'ORDER_REJECTED' || error.code === 'NOT_FOUND')) {
        const current = await venue.fetchOrder(order.symbol, order.exchangeOrderId).catch(() => undefined);
        const merged = current && this.recorder.apply(key, { ...current, clientOrderId }, 'poll');
        if (merged && isFinal(merged.status)) return merged;
      }
      throw error;
    }
  }

  /** Cancels every working order of a venue and mode (one symbol, optionally), including ones placed elsewhere. */
  async cancelAll(query: CancelAllQuery): Promise<CancelAllResult> {
    const { cancelled, failed } = await this.sweep(query);
    return { cancelled, failed };
  }

  /**
   * cancelAll, also saying whether the venue listed its open orders first (the kill switch's sweep): with the list
   * and no failure, nothing the venue had open is left; without the list, only the journal's orders were tried.
   */
  async sweep(query: CancelAllQuery): Promise<CancelAllResult & { listedOnVenue: boolean }> {
    this.assertOpen();
    const venue = this.venueFor(query.venue, query.mode);
    const key: VenueKey = { venue: query.venue, mode: query.mode };
    let listedOnVenue = false;
    // Orders placed on the venue directly are journaled first, so that they are cancelled too.
    try {
      for (const reported of await venue.openOrders(query.symbol)) this.recorder.apply(key, reported, 'poll');
      listedOnVenue = true;
    } catch {
      // The journal's list is still cancelled; each failure below says why.
    }
    const targets = this.journal
      .list({ scope: 'open', venue: query.venue, mode: query.mode, limit: 1000 })
      .filter((o) => (query.symbol === undefined || o.symbol === query.symbol) && (isWorking(o.status) || isUnsettled(o.status)))
      .filter((o) => query.placedBefore === undefined || o.createdAt <= query.placedBefore);
    const result: CancelAllResult = { cancelled: [], failed: [] };
    // A few at a time: hundreds at once would overflow the venue's request queue and fail for that reason alone.
    const queue = [...targets];
    const worker = async (): Promise<void> => {
      for (let order = queue.shift(); order; order = queue.shift()) {
        try {
          result.cancelled.push(await this.cancel(order.clientOrderId));
        } catch (error) {
          result.failed.push({ clientOrderId: order.clientOrderId, error: errorDataOf(error) });
        }
      }
    };
    await Promise.all(Array.from({ length: CANCEL_CONCURRENCY }, worker));
    return { ...result, listedOnVenue };
  }

  /**
   * The venue's own list of open orders of a venue and mode, each journaled (adopted when placed elsewhere): what
   * the kill switch checks to know that nothing is left. Throws when the venue cannot be asked.
   */
  async venueOpenOrders(query: VenueKey): Promise<Order[]> {
    this.assertOpen();
    const listed = await this.venueFor(query.venue, query.mode).openOrders();
    return listed.map((reported) => this.recorder.apply(query, reported, 'poll') ?? reported);
  }

  /** Asks the venue again about an order: an unknown one is looked up by client id, a working one fetched. */
  async check(clientOrderId: string): Promise<Order> {
    this.assertOpen();
    const order = this.require(clientOrderId);
    if (isFinal(order.status)) return order;
    if (isUnsettled(order.status)) return (await this.resolver.lookupOnce(clientOrderId)) ?? order;
    const venue = this.venueFor(order.venue, order.mode);
    const current =
      order.exchangeOrderId === undefined
        ? await venue.fetchOrderByClientId(order.symbol, clientOrderId)
        : await venue.fetchOrder(order.symbol, order.exchangeOrderId);
    if (!current) return order;
    return this.recorder.apply({ venue: order.venue, mode: order.mode }, { ...current, clientOrderId }, 'lookup') ?? order;
  }

  list(query: OrderListQuery): Order[] {
    return this.journal.list(query);
  }

  trades(query: TradeListQuery): Trade[] {
    return this.journal.trades(query);
  }

  balances(query: VenueKey): Promise<Balance[]> {
    return this.venueFor(query.venue, query.mode).balance();
  }

  /** Reads the venue's balances again and pushes them as `balance.changed` (a venue back after an outage). */
  async refreshBalances(query: VenueKey): Promise<Balance[]> {
    this.assertOpen();
    const balances = await this.venueFor(query.venue, query.mode).balance();
    this.recorder.balances(query, balances);
    return balances;
  }

  /** At start: every journaled order not final is asked of its venue, and open orders placed elsewhere adopted. */
  reconcile(): Promise<ReconcileReport> {
    this.assertOpen();
    return this.reconciler.reconcile();
  }

  /** The same for one venue and mode, when it becomes available (an account connected after start). */
  reconcileVenue(venue: VenueId, mode: TradingMode): Promise<ReconcileReport> {
    this.assertOpen();
    return this.reconciler.reconcileVenue({ venue, mode });
  }

  /** Stops lookups, polling and subscriptions. Answers still on their way afterwards change nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.recorder.stop();
    this.resolver.close();
    this.tracker.close();
  }

  private afterFailedCreate(intent: Order, error: unknown, label: string): Order {
    const outcome = classifyCreateFailure(error, label);
    if (outcome.kind === 'refused') return this.recorder.settle(intent.clientOrderId, 'rejected', outcome.reason) ?? { ...intent, status: 'rejected', reason: outcome.reason };
    // A push may already have told us what became of it while the create was failing.
    const current = this.journal.get(intent.clientOrderId);
    if (current && !isUnsettled(current.order.status)) return current.order;
    // Receive windows count from now: a create still on its way was signed before this moment.
    const unknown = this.recorder.settle(intent.clientOrderId, 'unknown', outcome.reason, (r) => ({ ...r, settleFrom: this.now() }));
    this.resolver.resolve(intent.clientOrderId);
    return unknown ?? { ...intent, status: 'unknown', reason: outcome.reason };
  }

  /**
   * The last price, which checks a market order's notional and a stop's side. A limit order without one can still
   * be checked on its own price, so a failing ticker refuses only the orders that need it.
   */
  private async referencePrice(venue: TradingVenue, order: PlaceOrder): Promise<number | undefined> {
    try {
      return (await venue.ticker(order.symbol)).last;
    } catch (error) {
      if (order.type === 'limit') return undefined;
      throw error;
    }
  }

  private venueIfConnected(order: Order): TradingVenue | undefined {
    try {
      return this.venueFor(order.venue, order.mode);
    } catch {
      return undefined;
    }
  }

  private require(clientOrderId: string): Order {
    const order = this.journal.get(clientOrderId)?.order;
    if (!order) throw new AppError('NOT_FOUND', `No order with client order id ${clientOrderId} in this app's journal`);
    return order;
  }

  private assertOpen(): void {
    if (this.closed) throw new AppError('INTERNAL', 'the order service has stopped (the app is shutting down)');
  }
}

/** The service is called by other services too (risk, strategies), not only through the contract: same checks. */
function parsePlaceOrder(input: PlaceOrder): PlaceOrder {
  const parsed = PlaceOrder.safeParse(input);
  if (!parsed.success) {
    const issues = describeZodIssues(parsed.error, 'order');
    throw new AppError('INVALID_REQUEST', `orders:place: ${issues}`);
  }
  return parsed.data;
}
