// Which venues exist and which can serve data right now. Real venues become available as their adapters and
// accounts arrive; until then they are listed, marked unavailable, with a reason a trader can act on.
import { AppError, VENUE_IDS, VENUE_NAMES, type TradingMode, type VenueId, type VenueSummary } from '../../src-shared';
import type { LiveCandleSource, MarketDataVenue, TradingVenue } from './ports';


export interface VenueEntry {
  venue: MarketDataVenue;
  live?: LiveCandleSource;
  mode: TradingMode;
  /** Where this venue's orders go in its own mode: the account (live) or the simulated market (demo). */
  trading?: TradingVenue;
}

/** A venue with a saved account that is not connected yet: still connecting at start, or unreachable and retried. */
export interface PendingVenue {
  status: 'connecting' | 'offline';
  /** When the venue is tried again (offline). */
  retryAt?: number;
  reason?: string;
}

export class VenueDirectory {
  private readonly entries = new Map<VenueId, VenueEntry>();
  /** Venues whose saved account is connecting or offline: what asks for them waits instead of being refused. */
  private readonly pending = new Map<VenueId, () => PendingVenue>();
  private readonly waiters = new Map<VenueId, Set<() => void>>();
  private readonly changeListeners = new Set<(id: VenueId) => void>();

  add(entry: VenueEntry): void {
    const id = entry.venue.id;
    this.entries.set(id, entry);
    this.pending.delete(id);
    this.settle(id);
  }

  /** Makes a venue unavailable again (its account was removed). Whether it was there. */
  remove(id: VenueId): boolean {
    const removed = this.entries.delete(id);
    if (removed) this.changed(id);
    return removed;
  }

  /**
   * The venue has a saved account that is connecting or unreachable: requests for it wait (`whenAvailable`) rather
   * than being refused. `state` is read each time it is shown, so a countdown stays current.
   */
  setPending(id: VenueId, state: () => PendingVenue): void {
    if (this.entries.has(id)) return;
    this.pending.set(id, state);
    this.changed(id);
  }

  /** The account will not connect by itself (keys refused, removed): whatever waited is answered now. */
  clearPending(id: VenueId): void {
    if (this.pending.delete(id)) this.settle(id);
  }

  pendingState(id: VenueId): PendingVenue | undefined {
    return this.entries.has(id) ? undefined : this.pending.get(id)?.();
  }

  /** Settles when the venue is available, or at once when it is not expected to become so (no pending account). */
  whenAvailable(id: VenueId): Promise<void> {
    if (this.entries.has(id) || !this.pending.has(id)) return Promise.resolve();
    return new Promise((resolve) => {
      let set = this.waiters.get(id);
      if (!set) this.waiters.set(id, (set = new Set()));
      set.add(resolve);
    });
  }

  /** Calls `listener` whenever a venue becomes available, pending or unavailable. */
  onChange(listener: (id: VenueId) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** Tells the pending state changed (offline with a new retry time): listeners re-read it. */
  pendingChanged(id: VenueId): void {
    if (this.pending.has(id)) this.changed(id);
  }

  summaries(): VenueSummary[] {
    return VENUE_IDS.map((id) => {
      const entry = this.entries.get(id);
      const summary: VenueSummary = { id, name: VENUE_NAMES[id], mode: entry?.mode ?? (id === 'demo' ? 'demo' : 'live'), available: !!entry };
      const pending = this.pendingState(id);
      if (pending) {
        summary.pending = pending.status;
        if (pending.retryAt !== undefined) summary.retryAt = Math.round(pending.retryAt);
      }
      return summary;
    });
  }

  get(id: VenueId): MarketDataVenue {
    const entry = this.entries.get(id);
    if (!entry) {
      const pending = this.pendingState(id);
      if (pending) throw new AppError('VENUE_UNAVAILABLE', `${VENUE_NAMES[id]} is ${pendingWords(pending)}: it opens by itself once connected`, true);
      throw new AppError('VENUE_UNAVAILABLE', `${VENUE_NAMES[id]} is not connected: add an account in Accounts, or use Demo`, false);
    }
    return entry.venue;
  }

  /** The venue's own trading account (live for a real venue, demo for the demo venue); throws when not connected. */
  trading(id: VenueId): TradingVenue {
    const entry = this.entries.get(id);
    if (!entry) this.get(id); // the same VENUE_UNAVAILABLE words
    if (!entry?.trading) throw new AppError('VENUE_UNAVAILABLE', `${VENUE_NAMES[id]} has no trading account connected`, false);
    return entry.trading;
  }

  liveSource(id: VenueId): LiveCandleSource | undefined {
    return this.entries.get(id)?.live;
  }

  private settle(id: VenueId): void {
    const waiting = this.waiters.get(id);
    this.waiters.delete(id);
    for (const resolve of waiting ?? []) resolve();
    this.changed(id);
  }

  private changed(id: VenueId): void {
    for (const listener of this.changeListeners) {
      try {
        listener(id);
      } catch (error) {
        console.error(`a listener of ${id}'s availability failed`, error);
      }
    }
  }
}

/** "connecting…", "offline — retrying in 12 s": the words the chart badge and the errors use. */
export function pendingWords(pending: PendingVenue, now = Date.now()): string {
  if (pending.status === 'connecting') return 'connecting…';
  if (pending.retryAt === undefined) return 'offline — retrying';
  return `offline — retrying in ${Math.max(0, Math.ceil((pending.retryAt - now) / 1000))} s`;
}
