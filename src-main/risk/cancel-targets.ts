// What the kill switch cancels: every connected venue's open orders. A target is one venue + mode with a way to
// cancel all of it; the order service is the usual way (it keeps the journal right), a venue's own API the fallback.
import { AppError, type CancelAllResult, type Order, type TradingMode, type VenueId } from '../../src-shared';
import type { TradingVenue } from '../exchanges';

export interface CancelTarget {
  venue: VenueId;
  mode: TradingMode;
  /** Cancels every order open now; each failure is reported, not thrown. Throws when the orders cannot be listed. */
  cancelAll(): Promise<CancelAllResult>;
}

/** An error as the contract carries it: an AppError keeps its code, anything else is INTERNAL. */
export function errorData(error: unknown): CancelAllResult['failed'][number]['error'] {
  if (error instanceof AppError) return error.toData();
  return { code: 'INTERNAL', message: error instanceof Error ? error.message : String(error), retryable: false };
}

/** Cancels straight on the venue: lists its open orders and cancels them all at once (in parallel). */
export function venueCancelTarget(venue: VenueId, mode: TradingMode, trading: TradingVenue): CancelTarget {
  return {
    venue,
    mode,
    async cancelAll() {
      const open = await trading.openOrders();
      const outcomes = await Promise.allSettled(
        open.map((order) => {
          if (order.exchangeOrderId === undefined) {
            return Promise.reject(new AppError('ORDER_REJECTED', `${order.clientOrderId} has no exchange id yet, so it cannot be cancelled by id`, true));
          }
          return trading.cancelOrder(order.symbol, order.exchangeOrderId);
        }),
      );
      const result: CancelAllResult = { cancelled: [], failed: [] };
      outcomes.forEach((outcome, i) => {
        const order = open[i] as Order;
        if (outcome.status === 'fulfilled') result.cancelled.push({ ...outcome.value, clientOrderId: outcome.value.clientOrderId || order.clientOrderId });
        else result.failed.push({ clientOrderId: order.clientOrderId, error: errorData(outcome.reason) });
      });
      return result;
    },
  };
}

/** The slice of the order service the kill switch uses (src-main/trading's OrderService has it). */
export interface CancelAllPort {
  cancelAll(request: { venue: VenueId; mode: TradingMode; symbol?: string }): Promise<CancelAllResult>;
}

export function orderServiceCancelTarget(venue: VenueId, mode: TradingMode, orders: CancelAllPort): CancelTarget {
  return { venue, mode, cancelAll: () => orders.cancelAll({ venue, mode }) };
}
