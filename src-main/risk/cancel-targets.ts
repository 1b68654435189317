// What the kill switch cancels: every connected venue's open orders. A target is one venue + mode with a way to
// cancel all of it and a way to ask the venue what is still open; the order service is the usual way (it keeps the
// journal right), a venue's own API the fallback.
import { AppError, errorDataOf, type CancelAllResult, type Order, type TradingMode, type VenueId } from '../../src-shared';
import type { TradingVenue } from '../exchanges';

/** Which open orders a sweep is about: all of them, or (the dead-man's) those placed before a moment. */
export interface SweepFilter {
  placedBefore?: number;
}

/** A cancel-all, and whether the venue's own list was read for it (else only the orders the app knew were tried). */
export type SweepResult = CancelAllResult & { listedOnVenue: boolean };

export interface CancelTarget {
  venue: VenueId;
  mode: TradingMode;
  /** Cancels every order open now; each failure is reported, not thrown. Throws when nothing could be tried. */
  cancelAll(filter?: SweepFilter): Promise<SweepResult>;
  /**
   * The venue's own list of open orders for the account (orders placed from another device included): a sweep is
   * done only when this is empty. Throws when the venue cannot be asked.
   */
  listOpen(filter?: SweepFilter): Promise<Order[]>;
}

export function matches(order: Order, filter: SweepFilter | undefined): boolean {
  return filter?.placedBefore === undefined || order.createdAt <= filter.placedBefore;
}

/** Cancels straight on the venue: lists its open orders and cancels them all at once (in parallel). */
export function venueCancelTarget(venue: VenueId, mode: TradingMode, trading: TradingVenue): CancelTarget {
  const listOpen = async (filter?: SweepFilter) => (await trading.openOrders()).filter((o) => matches(o, filter));
  return {
    venue,
    mode,
    listOpen,
    async cancelAll(filter) {
      const open = await listOpen(filter);
      const outcomes = await Promise.allSettled(
        open.map((order) => {
          if (order.exchangeOrderId === undefined) {
            return Promise.reject(new AppError('ORDER_REJECTED', `${order.clientOrderId} has no exchange id yet, so it cannot be cancelled by id`, true));
          }
          return trading.cancelOrder(order.symbol, order.exchangeOrderId);
        }),
      );
      const result: SweepResult = { cancelled: [], failed: [], listedOnVenue: true };
      outcomes.forEach((outcome, i) => {
        const order = open[i] as Order;
        if (outcome.status === 'fulfilled') result.cancelled.push({ ...outcome.value, clientOrderId: outcome.value.clientOrderId || order.clientOrderId });
        else result.failed.push({ clientOrderId: order.clientOrderId, error: errorDataOf(outcome.reason) });
      });
      return result;
    },
  };
}

/** The slice of the order service the kill switch uses (src-main/trading's OrderService has it). */
export interface CancelAllPort {
  sweep(request: { venue: VenueId; mode: TradingMode; placedBefore?: number }): Promise<SweepResult>;
  /** The venue's own open orders (journaling the ones placed elsewhere). */
  venueOpenOrders(request: { venue: VenueId; mode: TradingMode }): Promise<Order[]>;
}

export function orderServiceCancelTarget(venue: VenueId, mode: TradingMode, orders: CancelAllPort): CancelTarget {
  return {
    venue,
    mode,
    cancelAll: (filter) => orders.sweep({ venue, mode, ...(filter?.placedBefore === undefined ? {} : { placedBefore: filter.placedBefore }) }),
    listOpen: async (filter) => (await orders.venueOpenOrders({ venue, mode })).filter((o) => matches(o, filter)),
  };
}
