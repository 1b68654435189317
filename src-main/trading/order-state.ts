// How an order's status may move. Several sources report on the same order — the create answer, the venue's pushes,
// the poller, the resolver, reconciliation — and they can arrive out of order (a push saying "filled" before the
// create answer saying "open"). Merging by rank makes the order of arrival irrelevant: a report never moves an order
// backwards, and a final order stays final.
import type { Order, OrderStatus } from '../../src-shared';

const RANK: Record<OrderStatus, number> = {
  pending: 0,
  unknown: 0,
  open: 1,
  'partially-filled': 2,
  filled: 3,
  cancelled: 3,
  rejected: 3,
};

export const UNSETTLED: readonly OrderStatus[] = ['pending', 'unknown'];
export const WORKING: readonly OrderStatus[] = ['open', 'partially-filled'];

export function isFinal(status: OrderStatus): boolean {
  return RANK[status] === 3;
}

export function isWorking(status: OrderStatus): boolean {
  return WORKING.includes(status);
}

/** Not yet confirmed by the venue either way: the create's answer was lost, or the app stopped before it came. */
export function isUnsettled(status: OrderStatus): boolean {
  return UNSETTLED.includes(status);
}

/**
 * The journaled order updated with what the venue reports, or undefined when the report adds nothing. Our own
 * fields (client id, venue, mode, creation time) are kept; the venue's view of progress wins when it is ahead.
 */
export function mergeReport(current: Order, reported: Order, now: number): Order | undefined {
  if (isFinal(current.status)) return undefined;
  const ahead = RANK[reported.status] > RANK[current.status];
  const moreFilled = reported.filled > current.filled;
  const newId = reported.exchangeOrderId !== undefined && current.exchangeOrderId === undefined;
  if (!ahead && !moreFilled && !newId && !(isUnsettled(current.status) && !isUnsettled(reported.status))) return undefined;
  const next: Order = {
    ...current,
    status: ahead || RANK[reported.status] === RANK[current.status] ? reported.status : current.status,
    filled: Math.max(current.filled, reported.filled),
    updatedAt: now,
  };
  if (reported.exchangeOrderId !== undefined) next.exchangeOrderId = reported.exchangeOrderId;
  if (reported.averagePrice !== undefined && reported.filled >= current.filled) next.averagePrice = reported.averagePrice;
  // A reason explained a state the order has now left ("unknown: checking…"); the venue's state speaks for itself.
  if (next.status !== 'rejected') delete next.reason;
  if (reported.status === 'rejected' && reported.reason !== undefined) next.reason = reported.reason;
  return next;
}
