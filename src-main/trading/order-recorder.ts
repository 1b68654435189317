// The one place an order's journaled state changes after its intent is written: every report (create answer, push,
// poll, lookup) is merged here, journaled, and published as `order.updated`; every trade is recorded once and
// published as `trade.executed`. Keeping writes in one place is what makes the merge rules of order-state.ts hold.
import type { Balance, Order, OrderStatus, Trade, TradingMode, VenueId } from '../../src-shared';
import type { EventBus } from '../events';
import type { OrderJournal, Resolution } from './order-journal';
import { mergeReport } from './order-state';

export interface VenueKey {
  venue: VenueId;
  mode: TradingMode;
}

export const keyOf = (k: VenueKey): string => `${k.venue}:${k.mode}`;

/** Called after every journaled change with the state before (undefined for an adopted order) and after. */
export type OrderChangeListener = (before: Order | undefined, after: Order, source: ReportSource) => void;

/** Who reported: pushes carry their own trades, the others leave fills to be fetched. */
export type ReportSource = 'create' | 'push' | 'poll' | 'lookup';

export const ADOPTED_REASON = 'placed outside this app';

export class OrderRecorder {
  private stopped = false;
  onChange: OrderChangeListener = () => {};

  constructor(
    private readonly journal: OrderJournal,
    private readonly bus: EventBus | undefined,
    private readonly now: () => number,
  ) {}

  /** After this, late answers (a create that resolves after shutdown) change nothing. */
  stop(): void {
    this.stopped = true;
  }

  get active(): boolean {
    return !this.stopped && this.journal.open;
  }

  /**
   * Merges what the venue reports about an order. An order the journal does not know is adopted (it was placed
   * outside this app). Returns the order as journaled now, or undefined when the report belongs elsewhere.
   */
  apply(key: VenueKey, reported: Order, source: ReportSource): Order | undefined {
    if (!this.active) return undefined;
    const current = this.journal.get(reported.clientOrderId)?.order;
    if (!current) {
      const adopted: Order = { ...reported, venue: key.venue, mode: key.mode, reason: ADOPTED_REASON, updatedAt: this.now() };
      if (!this.journal.adopt(adopted)) return undefined;
      this.changed(undefined, adopted, source);
      return adopted;
    }
    // Client ids are random per order; one that names another venue's order is not this report's order.
    if (current.venue !== key.venue || current.mode !== key.mode) return undefined;
    const next = mergeReport(current, reported, this.now());
    if (!next) return current;
    this.journal.update(next);
    this.changed(current, next, source);
    return next;
  }

  /** Sets a status of our own finding (rejected, unknown) with the reason a trader reads. */
  settle(
    clientOrderId: string,
    status: Extract<OrderStatus, 'rejected' | 'unknown' | 'open'>,
    reason: string | undefined,
    resolution?: (current: Resolution) => Resolution,
  ): Order | undefined {
    if (!this.active) return undefined;
    const journaled = this.journal.get(clientOrderId);
    if (!journaled) return undefined;
    const current = journaled.order;
    const next: Order = { ...current, status, updatedAt: this.now() };
    if (reason === undefined) delete next.reason;
    else next.reason = reason;
    this.journal.update(next, resolution?.(journaled.resolution));
    this.changed(current, next, 'lookup');
    return next;
  }

  /** Records trades once each; publishes the new ones. */
  trades(key: VenueKey, trades: readonly Trade[], clientOrderId?: string): Trade[] {
    if (!this.active) return [];
    const booked = trades.map((trade) => {
      const entry: Trade = { ...trade, venue: key.venue, mode: key.mode };
      if (clientOrderId !== undefined && entry.clientOrderId === undefined) entry.clientOrderId = clientOrderId;
      return entry;
    });
    const fresh = this.journal.insertTrades(booked);
    for (const trade of fresh) this.bus?.publish('trade.executed', trade);
    return fresh;
  }

  balances(key: VenueKey, balances: Balance[]): void {
    if (!this.active) return;
    this.bus?.publish('balance.changed', { venue: key.venue, mode: key.mode, balances });
  }

  /** Publishes an order as it stands (the intent, before any answer). */
  published(order: Order): void {
    if (this.active) this.bus?.publish('order.updated', order);
  }

  private changed(before: Order | undefined, after: Order, source: ReportSource): void {
    this.bus?.publish('order.updated', after);
    this.onChange(before, after, source);
  }
}
