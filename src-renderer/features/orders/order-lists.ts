// How the open-orders, order-history, trades and balances lists change as events arrive. Pure, so that the races a
// live screen sees (an event before the list that contains it, an old update after a new one, a reload after a
// reconnect) are decided in one place and tested without a browser.
import type { Balance, Order, OrderStatus, Trade, TradingMode, VenueId } from '../../../src-shared';

/** The venue and mode the trading screen shows: the ticket's choice, which the panels follow. */
export interface TradingView {
  venue: VenueId;
  mode: TradingMode;
}

export interface OrderLists {
  /** Orders that may be working at the venue, newest first: an unknown one may be, so it shows here too. */
  open: Order[];
  /** Orders that are done, and unknown ones awaiting a "Check again", newest update first. */
  history: Order[];
}

/** Orders the venue has confirmed as working. */
const WORKING: ReadonlySet<OrderStatus> = new Set(['pending', 'open', 'partially-filled']);

export function isWorking(order: Pick<Order, 'status'>): boolean {
  return WORKING.has(order.status);
}

export function sameView(a: TradingView | undefined, b: TradingView | undefined): boolean {
  return a !== undefined && b !== undefined && a.venue === b.venue && a.mode === b.mode;
}

export function inView(item: { venue: VenueId; mode: TradingMode }, view: TradingView | undefined): boolean {
  return view !== undefined && item.venue === view.venue && item.mode === view.mode;
}

/** Whether `incoming` is at least as recent as `held`: an older update arriving late must not undo a newer one. */
function isNewer(incoming: Order, held: Order): boolean {
  if (incoming.updatedAt !== held.updatedAt) return incoming.updatedAt > held.updatedAt;
  // Same millisecond: a final state wins over a working one, and more filled wins over less.
  if (isWorking(incoming) !== isWorking(held)) return !isWorking(incoming);
  return incoming.filled >= held.filled;
}

const newestCreatedFirst = (a: Order, b: Order): number => b.createdAt - a.createdAt;
const newestUpdatedFirst = (a: Order, b: Order): number => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt;

/** Splits orders into the two lists, the most recent version of each order winning. */
export function partitionOrders(orders: Iterable<Order>, historyLimit: number): OrderLists {
  const latest = new Map<string, Order>();
  for (const order of orders) {
    const held = latest.get(order.clientOrderId);
    if (!held || isNewer(order, held)) latest.set(order.clientOrderId, order);
  }
  const open: Order[] = [];
  const history: Order[] = [];
  for (const order of latest.values()) {
    // Unknown: the venue may hold it (so it is among the open orders) and its fate is still to be told (history).
    if (order.status === 'unknown' || isWorking(order)) open.push(order);
    if (!isWorking(order)) history.push(order);
  }
  open.sort(newestCreatedFirst);
  history.sort(newestUpdatedFirst);
  return { open, history: history.slice(0, historyLimit) };
}

/** The version of an order the lists hold, if they hold it. */
export function findOrder(lists: OrderLists, clientOrderId: string): Order | undefined {
  return lists.open.find((o) => o.clientOrderId === clientOrderId) ?? lists.history.find((o) => o.clientOrderId === clientOrderId);
}

/**
 * The lists after an `order.updated` (or the answer of a place, cancel or check). Orders of another venue or mode
 * are ignored; an update older than the version held changes nothing.
 */
export function applyOrder(lists: OrderLists, order: Order, view: TradingView | undefined, historyLimit: number): OrderLists {
  if (!inView(order, view)) return lists;
  const held = findOrder(lists, order.clientOrderId);
  if (held && !isNewer(order, held)) return lists;
  return partitionOrders([...lists.open, ...lists.history, order], historyLimit);
}

/** Trades newest first, each once (an event and a loaded page can both carry the same trade). */
export function mergeTrades(held: readonly Trade[], incoming: readonly Trade[], view: TradingView | undefined, limit: number): Trade[] {
  const byId = new Map<string, Trade>();
  for (const trade of [...held, ...incoming]) if (inView(trade, view)) byId.set(trade.id, trade);
  return [...byId.values()].sort((a, b) => b.timestamp - a.timestamp || b.id.localeCompare(a.id)).slice(0, limit);
}

/**
 * Balances as the trader reads them: sorted by asset so rows do not jump around. A `balance.changed` carries the
 * venue's whole list (assets at zero are left out of it), so it replaces what was held rather than merging.
 */
export function sortBalances(balances: readonly Balance[]): Balance[] {
  return [...balances].sort((a, b) => a.asset.localeCompare(b.asset));
}

/** Free amount of an asset; 0 when the venue lists no balance of it. */
export function freeOf(balances: readonly Balance[], asset: string): number {
  return balances.find((balance) => balance.asset === asset)?.free ?? 0;
}
