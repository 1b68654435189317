// Resolves orders whose create answer never came (a timeout, a 5xx, a reset, or the app stopping mid-send): asks the
// venue by client order id, quickly at first (0.25 s doubling to a cap), then slowly for as long as it takes. The
// create itself is never sent again: the only way out of `unknown` is the venue's own answer about this id.
import type { Order, TradingMode, VenueId } from '../../src-shared';
import type { TradingVenue } from '../exchanges';
import type { JournaledOrder, OrderJournal, Resolution } from './order-journal';
import type { OrderRecorder, VenueKey } from './order-recorder';
import { isUnsettled } from './order-state';
import { venueLabel } from './venue-label';

/**
 * When "not found" is the final answer. A venue that has not seen a create may still see it later: it can be
 * queued in the network or at the venue's edge, and a venue's read side can lag its write side (MEXC, by moments).
 * Venues refuse a signed request that arrives later than its receive window after it was signed — Binance's as
 * ccxt sends it is 10 s, MEXC's 5 s, Gate checks within 60 s — so once that window has passed since the request
 * could last have been signed, and two lookups `confirmGapMs` apart found nothing, the create never arrived and
 * never will. Simulated venues (demo, paper) run in this process: an answer there is final at once.
 */
export interface Settlement {
  settleMs: number;
  confirmGapMs: number;
}

export function defaultSettlement(venue: VenueId, mode: TradingMode): Settlement {
  if (mode !== 'live') return { settleMs: 0, confirmGapMs: 0 };
  switch (venue) {
    case 'binance':
      return { settleMs: 12_000, confirmGapMs: 1_000 };
    case 'mexc':
      return { settleMs: 7_000, confirmGapMs: 1_000 };
    default:
      return { settleMs: 65_000, confirmGapMs: 2_000 };
  }
}

export interface ResolveTiming {
  /** First lookup after the create failed; each later one waits twice as long, up to `maxDelayMs`. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** How long the quick lookups go on before the order is left `unknown` and checked every `slowEveryMs`. */
  fastForMs: number;
  slowEveryMs: number;
  settlement: (venue: VenueId, mode: TradingMode) => Settlement;
}

export const DEFAULT_RESOLVE_TIMING: ResolveTiming = {
  firstDelayMs: 250,
  maxDelayMs: 4_000,
  fastForMs: 90_000,
  slowEveryMs: 30_000,
  settlement: defaultSettlement,
};

interface Pending {
  timer: ReturnType<typeof setTimeout> | undefined;
  attempt: number;
  startedAt: number;
  slow: boolean;
  running: boolean;
}

export type VenueFor = (venue: VenueId, mode: TradingMode) => TradingVenue;

export class OrderResolver {
  private readonly pending = new Map<string, Pending>();
  private readonly tallies = new Map<string, Resolution>();
  private closed = false;

  constructor(
    private readonly journal: OrderJournal,
    private readonly recorder: OrderRecorder,
    private readonly venueFor: VenueFor,
    private readonly timing: ResolveTiming,
    private readonly now: () => number,
  ) {}

  /** How many orders are being resolved now. */
  get size(): number {
    return this.pending.size;
  }

  /** Starts resolving an order (idempotent); `immediately` looks it up now instead of after the first delay. */
  resolve(clientOrderId: string, immediately = false): void {
    if (this.closed || this.pending.has(clientOrderId)) return;
    const entry: Pending = { timer: undefined, attempt: 0, startedAt: this.now(), slow: false, running: false };
    this.pending.set(clientOrderId, entry);
    if (immediately) void this.attempt(clientOrderId);
    else this.schedule(clientOrderId, entry);
  }

  /**
   * One lookup now: the order as it stands afterwards. A lookup that fails (venue down, not connected) leaves the
   * order as it was and rethrows, so `orders:check` can say why.
   */
  async lookupOnce(clientOrderId: string): Promise<Order | undefined> {
    const journaled = this.journal.get(clientOrderId);
    if (!journaled || !isUnsettled(journaled.order.status)) return journaled?.order;
    return this.lookup(journaled, true);
  }

  close(): void {
    this.closed = true;
    for (const entry of this.pending.values()) clearTimeout(entry.timer);
    this.pending.clear();
    this.tallies.clear();
  }

  private forget(clientOrderId: string): void {
    this.pending.delete(clientOrderId);
    this.tallies.delete(clientOrderId);
  }

  private schedule(clientOrderId: string, entry: Pending): void {
    if (this.closed) return;
    const elapsed = this.now() - entry.startedAt;
    let delay: number;
    if (elapsed < this.timing.fastForMs) {
      delay = Math.min(this.timing.maxDelayMs, this.timing.firstDelayMs * 2 ** entry.attempt);
    } else {
      delay = this.timing.slowEveryMs;
      if (!entry.slow) {
        entry.slow = true;
        this.markSlow(clientOrderId);
      }
    }
    entry.attempt += 1;
    entry.timer = setTimeout(() => void this.attempt(clientOrderId), delay);
    // A lookup waiting for its turn must not keep a stopping process alive.
    entry.timer.unref?.();
  }

  private async attempt(clientOrderId: string): Promise<void> {
    const entry = this.pending.get(clientOrderId);
    if (!entry || entry.running || this.closed) return;
    entry.running = true;
    try {
      const journaled = this.journal.open ? this.journal.get(clientOrderId) : undefined;
      if (!journaled || !isUnsettled(journaled.order.status)) {
        this.forget(clientOrderId);
        return;
      }
      const after = await this.lookup(journaled, false).catch(() => journaled.order);
      if (after === undefined || !isUnsettled(after.status)) {
        this.forget(clientOrderId);
        return;
      }
    } finally {
      entry.running = false;
    }
    if (this.pending.get(clientOrderId) === entry) this.schedule(clientOrderId, entry);
  }

  /**
   * Lookups are counted here and written to the journal only with the writes that matter (the first "not found",
   * the final answer, the switch to slow checks): every journal write waits for the disk, and a busy venue can take
   * many lookups to answer.
   */
  private tally(clientOrderId: string, journaled: Resolution): Resolution {
    let tally = this.tallies.get(clientOrderId);
    if (!tally || tally.lookups < journaled.lookups) {
      tally = { ...journaled };
      this.tallies.set(clientOrderId, tally);
    }
    return tally;
  }

  private async lookup({ order, resolution }: JournaledOrder, rethrow: boolean): Promise<Order | undefined> {
    const key: VenueKey = { venue: order.venue, mode: order.mode };
    const r = this.tally(order.clientOrderId, resolution);
    r.lookups += 1;
    let found: Order | undefined;
    try {
      const venue = this.venueFor(order.venue, order.mode);
      found =
        order.exchangeOrderId === undefined
          ? await venue.fetchOrderByClientId(order.symbol, order.clientOrderId)
          : await venue.fetchOrder(order.symbol, order.exchangeOrderId);
    } catch (error) {
      if (rethrow) throw error;
      return order;
    }
    if (!this.recorder.active) return undefined;
    if (found) {
      this.tallies.delete(order.clientOrderId);
      const merged = this.recorder.apply(key, { ...found, clientOrderId: order.clientOrderId }, 'lookup');
      // The venue knows the order but has not given it a status yet: it exists, so it is working until polled.
      if (merged && isUnsettled(merged.status)) return this.recorder.settle(order.clientOrderId, 'open', undefined);
      return merged;
    }
    const now = this.now();
    const settlement = this.timing.settlement(order.venue, order.mode);
    const first = r.firstNotFoundAt === undefined;
    r.notFound += 1;
    r.firstNotFoundAt ??= now;
    r.settleFrom = resolution.settleFrom ?? r.settleFrom ?? now;
    const next: Resolution = { ...r };
    const settled = now >= (next.settleFrom ?? now) + settlement.settleMs;
    const confirmed = now - (next.firstNotFoundAt ?? now) >= settlement.confirmGapMs;
    if (!settled || !confirmed) {
      if (first) this.journal.saveResolution(order.clientOrderId, next);
      return this.journal.get(order.clientOrderId)?.order;
    }
    this.tallies.delete(order.clientOrderId);
    const label = venueLabel(order.venue, order.mode);
    return this.recorder.settle(
      order.clientOrderId,
      'rejected',
      `The order never reached ${label}: it has no order with this client order id, so nothing was placed. You can place it again.`,
      () => next,
    );
  }

  /** The quick lookups are over: say so in the order's reason, which the trader sees. */
  private markSlow(clientOrderId: string): void {
    const order = this.journal.open ? this.journal.get(clientOrderId)?.order : undefined;
    if (!order || !isUnsettled(order.status)) return;
    const label = venueLabel(order.venue, order.mode);
    const every = Math.max(1, Math.round(this.timing.slowEveryMs / 1000));
    const tally = this.tallies.get(clientOrderId);
    this.recorder.settle(
      clientOrderId,
      'unknown',
      `${label} has not confirmed this order yet, and has not said it never arrived; checking again every ${every} s. ` +
        'Do not place it again until this is resolved; check the venue directly if in doubt.',
      tally ? () => ({ ...tally }) : undefined,
    );
  }
}
