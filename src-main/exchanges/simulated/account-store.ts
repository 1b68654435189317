// Where a simulated account lives between runs. The engine loads the account once at start and saves each
// change as it happens (only what the change touched); a store that throws on save makes the change fail, so
// memory and disk never disagree.
import type { VenueId } from '../../../src-shared';
import type { AccountChange } from './account-state';
import type { Trade } from '../../../src-shared';
import type { AccountState, BookedOrder, SimulatedMode } from './account-state';

/** An account's finished orders and fills, read where they are kept instead of held in memory. */
export interface AccountHistory {
  order(exchangeOrderId: string): BookedOrder | undefined;
  orderByClientId(clientOrderId: string): BookedOrder | undefined;
  /** Fills of a symbol (since a time), oldest first. */
  trades(symbol: string, since: number | undefined): Trade[];
}

export interface SimulatedAccountStore {
  /**
   * The saved (venue, mode) account; undefined when it was never saved. A store with `history` may leave finished
   * orders and fills out of it: the engine reads them through the history when asked.
   */
  load(venue: VenueId, mode: SimulatedMode): AccountState | undefined;
  history?(venue: VenueId, mode: SimulatedMode): AccountHistory;
  /** Records one change: balances and counters replaced, orders inserted or replaced, trades appended. */
  save(venue: VenueId, mode: SimulatedMode, change: AccountChange): void;
}

interface StoredAccount {
  head: string;
  orders: Map<string, string>;
  trades: string[];
}

/** Keeps accounts for the life of the process: the default when no store is given (nothing survives a restart). */
export class InMemoryAccountStore implements SimulatedAccountStore {
  private readonly accounts = new Map<string, StoredAccount>();

  load(venue: VenueId, mode: SimulatedMode): AccountState | undefined {
    const stored = this.accounts.get(`${venue}:${mode}`);
    if (!stored) return undefined;
    // Copies, as a database would give: the engine's later changes never reach what was saved.
    const head = JSON.parse(stored.head) as Pick<AccountState, 'balances' | 'nextOrderId' | 'nextTradeId'>;
    return {
      format: 1,
      ...head,
      orders: [...stored.orders.values()].map((json) => JSON.parse(json) as AccountState['orders'][number]),
      trades: stored.trades.map((json) => JSON.parse(json) as AccountState['trades'][number]),
    };
  }

  save(venue: VenueId, mode: SimulatedMode, change: AccountChange): void {
    const key = `${venue}:${mode}`;
    let stored = this.accounts.get(key);
    if (!stored || change.startOver) this.accounts.set(key, (stored = { head: '', orders: new Map(), trades: [] }));
    const { balances, nextOrderId, nextTradeId } = change;
    stored.head = JSON.stringify({ balances, nextOrderId, nextTradeId });
    for (const booked of change.orders) stored.orders.set(booked.order.exchangeOrderId!, JSON.stringify(booked));
    for (const trade of change.trades) stored.trades.push(JSON.stringify(trade));
  }
}
