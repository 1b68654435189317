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

export class VenueDirectory {
  private readonly entries = new Map<VenueId, VenueEntry>();

  add(entry: VenueEntry): void {
    this.entries.set(entry.venue.id, entry);
  }

  /** Makes a venue unavailable again (its account was removed). Whether it was there. */
  remove(id: VenueId): boolean {
    return this.entries.delete(id);
  }

  summaries(): VenueSummary[] {
    return VENUE_IDS.map((id) => {
      const entry = this.entries.get(id);
      return { id, name: VENUE_NAMES[id], mode: entry?.mode ?? (id === 'demo' ? 'demo' : 'live'), available: !!entry };
    });
  }

  get(id: VenueId): MarketDataVenue {
    const entry = this.entries.get(id);
    if (!entry) {
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
}
