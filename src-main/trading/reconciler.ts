// At start (and when a venue connects later): brings the journal in line with the venues. Every journaled order that
// is not final is asked of its venue — by client order id when the create's answer never came, by exchange id
// otherwise — and open orders the journal does not know (placed on the venue's site, or by another app) are adopted.
// A venue that is not connected yet is left for `reconcileVenue`, which the composition root calls when it connects.
import { AppError } from '../../src-shared';
import type { OrderJournal } from './order-journal';
import { keyOf, type OrderRecorder, type VenueKey } from './order-recorder';
import type { OrderResolver, VenueFor } from './order-resolver';
import { isUnsettled, isWorking } from './order-state';
import { OrderTracker } from './order-tracker';
import { venueLabel } from './venue-label';

export interface ReconcileReport {
  /** Journaled orders not final when reconciliation began (of the venues reconciled). */
  checked: number;
  /** Of those, how many the venue's answer settled (working, filled, cancelled or rejected). */
  resolved: number;
  /** Still unknown: being looked up in the background. */
  unresolved: number;
  /** Open orders on the venues that the journal did not know, now journaled. */
  adopted: number;
  /** Venues and modes with journaled orders that are not connected yet. */
  venuesWaiting: number;
}

export interface ReconcilerDeps {
  journal: OrderJournal;
  recorder: OrderRecorder;
  resolver: OrderResolver;
  tracker: OrderTracker;
  venueFor: VenueFor;
  venues: () => VenueKey[];
  now: () => number;
}

const empty = (): ReconcileReport => ({ checked: 0, resolved: 0, unresolved: 0, adopted: 0, venuesWaiting: 0 });

export class Reconciler {
  constructor(private readonly deps: ReconcilerDeps) {}

  async reconcile(): Promise<ReconcileReport> {
    const keys = new Map<string, VenueKey>();
    for (const { order } of this.deps.journal.unsettled()) keys.set(keyOf(order), { venue: order.venue, mode: order.mode });
    for (const key of this.deps.venues()) keys.set(keyOf(key), key);
    const reports = await Promise.all([...keys.values()].map((key) => this.reconcileVenue(key)));
    return reports.reduce(
      (sum, r) => ({
        checked: sum.checked + r.checked,
        resolved: sum.resolved + r.resolved,
        unresolved: sum.unresolved + r.unresolved,
        adopted: sum.adopted + r.adopted,
        venuesWaiting: sum.venuesWaiting + r.venuesWaiting,
      }),
      empty(),
    );
  }

  async reconcileVenue(key: VenueKey): Promise<ReconcileReport> {
    const { journal, recorder, resolver, tracker } = this.deps;
    const report = empty();
    const orders = journal.unsettled().filter(({ order }) => order.venue === key.venue && order.mode === key.mode);
    report.checked = orders.length;
    let venue;
    try {
      venue = this.deps.venueFor(key.venue, key.mode);
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'VENUE_UNAVAILABLE') throw error;
      if (orders.length > 0) report.venuesWaiting = 1;
      const label = venueLabel(key.venue, key.mode);
      for (const { order } of orders) {
        if (!isUnsettled(order.status)) continue;
        report.unresolved += 1;
        if (order.status === 'pending') {
          recorder.settle(
            order.clientOrderId,
            'unknown',
            `The app stopped before ${label} answered this order, and ${label} is not connected yet; it will be checked by its client order id once it is.`,
            (r) => ({ ...r, settleFrom: r.settleFrom ?? this.deps.now() }),
          );
        }
        // Looked up as soon as the venue connects (the resolver keeps trying; reconcileVenue also starts at once).
        resolver.resolve(order.clientOrderId);
      }
      return report;
    }
    tracker.watch(key, venue);

    // Adoption first: the open list also answers for every journaled order on it, which saves a lookup each.
    const listed = new Set<string>();
    try {
      for (const reported of await venue.openOrders()) {
        listed.add(reported.clientOrderId);
        const known = journal.get(reported.clientOrderId) !== undefined;
        const after = recorder.apply(key, reported, 'poll');
        if (after && !known) report.adopted += 1;
      }
    } catch {
      // Without the list, each journaled order is still looked up on its own below.
    }

    const label = venueLabel(key.venue, key.mode);
    await Promise.all(
      orders.map(async ({ order }) => {
        let current = journal.get(order.clientOrderId)?.order ?? order;
        if (current.status === 'pending') {
          // The app stopped between journaling and the venue's answer: sent or not, only the venue can say.
          // A create still on its way was signed before the app stopped, so before now.
          current =
            recorder.settle(
              current.clientOrderId,
              'unknown',
              `The app stopped before ${label} answered this order; checking by its client order id. Do not place it again until this is resolved.`,
              (r) => ({ ...r, settleFrom: r.settleFrom ?? this.deps.now() }),
            ) ?? current;
        }
        if (isUnsettled(current.status)) {
          const after = await resolver.lookupOnce(current.clientOrderId).catch(() => undefined);
          if (after && !isUnsettled(after.status)) report.resolved += 1;
          else {
            report.unresolved += 1;
            resolver.resolve(current.clientOrderId);
          }
          return;
        }
        if (isWorking(current.status) && !listed.has(current.clientOrderId)) {
          // Not on the open list (or the list failed): fetch it for its state now.
          const fetched =
            current.exchangeOrderId === undefined
              ? await venue.fetchOrderByClientId(current.symbol, current.clientOrderId).catch(() => undefined)
              : await venue.fetchOrder(current.symbol, current.exchangeOrderId).catch(() => undefined);
          if (fetched) recorder.apply(key, { ...fetched, clientOrderId: current.clientOrderId }, 'lookup');
        }
        report.resolved += 1;
      }),
    );
    // Working orders are followed from here on: pushed by venues that match orders themselves, polled otherwise.
    const stillWorking = journal.unsettled().some(({ order }) => order.venue === key.venue && order.mode === key.mode && isWorking(order.status));
    if (stillWorking && !OrderTracker.pushes(venue)) tracker.poll(key);
    return report;
  }
}
