// Follows working orders until they end. Venues that match orders themselves (demo, paper) push every change with
// its fills and balances: one subscription per venue object. The others (ccxt accounts) are polled: while any order
// of a venue is open, its open orders are listed per symbol every `pollMs` (a few cheap calls through the same
// adapter and its rate budget), an order that left the list is fetched for its final state, and fills are booked
// from the account's trades.
import type { Order, Symbol, Trade } from '../../src-shared';
import type { OrderActivity, TradingVenue } from '../exchanges';
import type { OrderJournal } from './order-journal';
import { keyOf, type OrderRecorder, type VenueKey } from './order-recorder';
import type { VenueFor } from './order-resolver';
import { isWorking } from './order-state';

interface Poller {
  key: VenueKey;
  timer: ReturnType<typeof setTimeout> | undefined;
  running: boolean;
}

/** Trades are asked for from a little before the order was created: venues' clocks and ours differ slightly. */
const TRADES_SLACK_MS = 10_000;

export class OrderTracker {
  private readonly pollers = new Map<string, Poller>();
  private readonly subscriptions = new Map<TradingVenue, () => void>();
  private readonly tradeFetches = new Map<string, { since: number; clientOrderIds: Set<string> }>();
  private readonly balanceRefreshes = new Set<string>();
  private closed = false;

  constructor(
    private readonly journal: OrderJournal,
    private readonly recorder: OrderRecorder,
    private readonly venueFor: VenueFor,
    private readonly pollMs: number,
    private readonly warn: (message: string) => void,
  ) {}

  /** Whether the venue reports changes itself (then nothing is polled or fetched for it). */
  static pushes(venue: TradingVenue): boolean {
    return typeof venue.watchOrders === 'function';
  }

  /** Subscribes to a pushing venue's changes, once per venue object. */
  watch(key: VenueKey, venue: TradingVenue): void {
    if (this.closed || !venue.watchOrders || this.subscriptions.has(venue)) return;
    const stop = venue.watchOrders((activity) => this.onActivity(key, activity));
    this.subscriptions.set(venue, stop);
  }

  /** Called for every journaled change: starts polling, and books fills, for venues that do not push. */
  observe(before: Order | undefined, after: Order, venue: TradingVenue | undefined): void {
    if (this.closed || !venue || OrderTracker.pushes(venue)) return;
    const key: VenueKey = { venue: after.venue, mode: after.mode };
    if (isWorking(after.status)) this.poll(key);
    if (after.filled > (before?.filled ?? 0)) this.fetchTrades(key, after);
    else if (after.status === 'cancelled' && before?.status !== 'cancelled') this.refreshBalances(key);
  }

  /** Polls a venue's open orders while it has any (idempotent). */
  poll(key: VenueKey): void {
    const id = keyOf(key);
    if (this.closed || this.pollers.has(id)) return;
    const poller: Poller = { key, timer: undefined, running: false };
    this.pollers.set(id, poller);
    this.schedule(poller);
  }

  close(): void {
    this.closed = true;
    for (const poller of this.pollers.values()) clearTimeout(poller.timer);
    this.pollers.clear();
    for (const stop of this.subscriptions.values()) stop();
    this.subscriptions.clear();
  }

  private onActivity(key: VenueKey, activity: OrderActivity): void {
    const before = this.journal.open ? this.journal.get(activity.order.clientOrderId)?.order : undefined;
    const after = this.recorder.apply(key, activity.order, 'push');
    if (!after) return;
    const fresh = this.recorder.trades(key, activity.trades, after.clientOrderId);
    // Balances move with fills and with cancels (funds released); a push that changed neither moved none.
    if (fresh.length > 0 || after.status !== before?.status) this.recorder.balances(key, activity.balances);
  }

  private schedule(poller: Poller): void {
    if (this.closed) return;
    poller.timer = setTimeout(() => void this.tick(poller), this.pollMs);
    poller.timer.unref?.();
  }

  private async tick(poller: Poller): Promise<void> {
    if (this.closed || poller.running) return;
    poller.running = true;
    try {
      const working = this.workingOrders(poller.key);
      if (working.length === 0) {
        this.pollers.delete(keyOf(poller.key));
        return;
      }
      const venue = this.venueFor(poller.key.venue, poller.key.mode);
      const symbols = [...new Set(working.map((o) => o.symbol))];
      for (const symbol of symbols) await this.pollSymbol(poller.key, venue, symbol, working);
    } catch (error) {
      // The venue is down or not connected: the orders stay as journaled, and the next tick tries again.
      this.warn(`orders: polling ${keyOf(poller.key)} failed: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      poller.running = false;
    }
    if (this.pollers.get(keyOf(poller.key)) === poller) this.schedule(poller);
  }

  private async pollSymbol(key: VenueKey, venue: TradingVenue, symbol: Symbol, working: readonly Order[]): Promise<void> {
    const listed = await venue.openOrders(symbol);
    const byId = new Map(listed.map((o) => [o.clientOrderId, o]));
    for (const reported of listed) this.recorder.apply(key, reported, 'poll');
    for (const order of working) {
      if (order.symbol !== symbol || byId.has(order.clientOrderId)) continue;
      // Left the open list: filled or cancelled. Its final state comes from the venue, not from a guess.
      const final =
        order.exchangeOrderId === undefined
          ? await venue.fetchOrderByClientId(symbol, order.clientOrderId)
          : await venue.fetchOrder(symbol, order.exchangeOrderId);
      if (final) this.recorder.apply(key, { ...final, clientOrderId: order.clientOrderId }, 'poll');
    }
  }

  private workingOrders(key: VenueKey): Order[] {
    if (!this.journal.open) return [];
    return this.journal.unsettled().map((j) => j.order).filter((o) => o.venue === key.venue && o.mode === key.mode && isWorking(o.status));
  }

  /** Books the trades of a fill; fetches of one venue and symbol that overlap are merged into one call. */
  private fetchTrades(key: VenueKey, order: Order): void {
    const id = `${keyOf(key)}:${order.symbol}`;
    const since = Math.max(0, order.createdAt - TRADES_SLACK_MS);
    const queued = this.tradeFetches.get(id);
    if (queued) {
      queued.since = Math.min(queued.since, since);
      queued.clientOrderIds.add(order.clientOrderId);
      return;
    }
    const entry = { since, clientOrderIds: new Set([order.clientOrderId]) };
    this.tradeFetches.set(id, entry);
    setTimeout(() => {
      this.tradeFetches.delete(id);
      if (this.closed) return;
      void (async () => {
        try {
          const venue = this.venueFor(key.venue, key.mode);
          const trades = await venue.myTrades(order.symbol, entry.since);
          const fresh = this.recorder.trades(key, trades, this.ownerOf(entry.clientOrderIds, trades));
          if (fresh.length > 0) this.refreshBalances(key);
        } catch (error) {
          this.warn(`orders: fetching trades of ${order.symbol} on ${keyOf(key)} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      })();
    }, 0).unref?.();
  }

  /**
   * The port's trades do not name their order. They are booked as one order's only when that is certain: a single
   * order filled in the batch, and the trades not yet booked add up to exactly its fill.
   */
  private ownerOf(clientOrderIds: ReadonlySet<string>, trades: readonly Trade[]): string | undefined {
    if (clientOrderIds.size !== 1 || !this.journal.open) return undefined;
    const [clientOrderId] = clientOrderIds;
    const order = clientOrderId === undefined ? undefined : this.journal.get(clientOrderId)?.order;
    if (!order) return undefined;
    const booked = new Set(this.journal.trades({ venue: order.venue, mode: order.mode, symbol: order.symbol, limit: 1000 }).map((t) => t.id));
    const unbooked = trades.filter((t) => !booked.has(t.id)).reduce((sum, t) => sum + t.amount, 0);
    return Math.abs(unbooked - order.filled) <= order.filled * 1e-9 ? clientOrderId : undefined;
  }

  private refreshBalances(key: VenueKey): void {
    const id = keyOf(key);
    if (this.closed || this.balanceRefreshes.has(id)) return;
    this.balanceRefreshes.add(id);
    setTimeout(() => {
      void (async () => {
        try {
          if (this.closed) return;
          const balances = await this.venueFor(key.venue, key.mode).balance();
          this.recorder.balances(key, balances);
        } catch (error) {
          this.warn(`orders: reading balances of ${keyOf(key)} failed: ${error instanceof Error ? error.message : String(error)}`);
        } finally {
          this.balanceRefreshes.delete(id);
        }
      })();
    }, 0).unref?.();
  }
}
