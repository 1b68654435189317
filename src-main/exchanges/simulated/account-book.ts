// The account in memory, indexed for the engine's lookups, and the draft a change is made on. A change copies only
// what it touches (balances, the orders it edits) and is applied once saved, so neither a change nor its save grows
// with the account's history.
import type { Trade } from '../../../src-shared';
import { isResting, type AccountChange, type AccountState, type AssetFunds, type BookedOrder, type Funds } from './account-state';
import type { AccountHistory } from './account-store';

export class AccountBook {
  private readonly orders: BookedOrder[] = [];
  private readonly trades: Trade[] = [];
  private readonly position = new Map<string, number>();
  private readonly byClientId = new Map<string, string>();
  private readonly resting = new Set<string>();
  balances: Record<string, AssetFunds> = {};
  nextOrderId = 1;
  nextTradeId = 1;

  /**
   * With a history, what the store keeps (finished orders of earlier runs, every fill) is read from it on demand, so
   * that a long history is neither loaded at start nor held in memory.
   */
  constructor(
    state: AccountState,
    private readonly history?: AccountHistory,
  ) {
    this.apply(state);
  }

  order(exchangeOrderId: string): BookedOrder | undefined {
    const at = this.position.get(exchangeOrderId);
    return at === undefined ? this.history?.order(exchangeOrderId) : this.orders[at];
  }

  orderByClientId(clientOrderId: string): BookedOrder | undefined {
    const id = this.byClientId.get(clientOrderId);
    return id === undefined ? this.history?.orderByClientId(clientOrderId) : this.order(id);
  }

  /** Orders that can still trade, oldest first (the order they are matched in). */
  restingOrders(symbol?: string): BookedOrder[] {
    // A Set iterates in insertion order, and an order joins it when created and leaves it for good when final.
    const out: BookedOrder[] = [];
    for (const id of this.resting) {
      const booked = this.order(id)!;
      if (symbol === undefined || booked.order.symbol === symbol) out.push(booked);
    }
    return out;
  }

  tradesOf(symbol: string, since?: number): Trade[] {
    if (this.history) return this.history.trades(symbol, since);
    return this.trades.filter((trade) => trade.symbol === symbol && (since === undefined || trade.timestamp >= since));
  }

  draft(): AccountDraft {
    return new AccountDraft(this);
  }

  apply(change: AccountChange): void {
    this.balances = change.balances;
    this.nextOrderId = change.nextOrderId;
    this.nextTradeId = change.nextTradeId;
    for (const booked of change.orders) {
      const id = booked.order.exchangeOrderId!;
      const at = this.position.get(id);
      if (at === undefined) {
        this.position.set(id, this.orders.length);
        this.orders.push(booked);
        this.byClientId.set(booked.order.clientOrderId, id);
      } else {
        this.orders[at] = booked;
      }
      if (isResting(booked)) this.resting.add(id);
      else this.resting.delete(id);
    }
    // Saved before applied: with a history the store has them, and memory need not grow with every fill.
    if (!this.history) this.trades.push(...change.trades);
  }
}

/** A change in the making: edits copies, so a refusal half-way leaves the book as it was. */
export class AccountDraft implements Funds {
  balances: Record<string, AssetFunds>;
  nextOrderId: number;
  nextTradeId: number;
  /** Fills made in this change. */
  readonly trades: Trade[] = [];
  private readonly touched = new Map<string, BookedOrder>();

  constructor(private readonly book: AccountBook) {
    this.balances = Object.fromEntries(Object.entries(book.balances).map(([asset, funds]) => [asset, { ...funds }]));
    this.nextOrderId = book.nextOrderId;
    this.nextTradeId = book.nextTradeId;
  }

  /** The order to change, copied on first use; undefined when the book has no such order. */
  edit(exchangeOrderId: string): BookedOrder | undefined {
    let booked = this.touched.get(exchangeOrderId);
    if (!booked) {
      const current = this.book.order(exchangeOrderId);
      if (!current) return undefined;
      booked = { ...current, order: { ...current.order } };
      this.touched.set(exchangeOrderId, booked);
    }
    return booked;
  }

  add(booked: BookedOrder): void {
    this.touched.set(booked.order.exchangeOrderId!, booked);
  }

  change(): AccountChange {
    return {
      balances: this.balances,
      nextOrderId: this.nextOrderId,
      nextTradeId: this.nextTradeId,
      orders: [...this.touched.values()],
      trades: this.trades,
    };
  }
}
