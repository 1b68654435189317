// Prices read on demand from the connected venues (through the exchanges port), for assets no ticker stream is
// pricing: an asset held on Binance with no chart open still needs a rate. Asked at a slow pace, a few pairs at a
// time, and never for a pair that no venue lists.
import type { VenueId } from '../../src-shared';
import type { VenueDirectory } from '../exchanges';

export interface PriceSource {
  /** Venues that can be asked now. */
  venues(): VenueId[];
  /** The symbols a venue lists (BASE/QUOTE). */
  symbols(venue: VenueId): Promise<ReadonlySet<string>>;
  ticker(venue: VenueId, symbol: string): Promise<{ last: number; timestamp: number }>;
}

/** The app's venues as a price source; each venue's market list is read once. */
export function venuePrices(directory: VenueDirectory): PriceSource {
  const listed = new Map<VenueId, Promise<ReadonlySet<string>>>();
  return {
    venues: () => directory.summaries().filter((v) => v.available).map((v) => v.id),
    symbols(venue) {
      let symbols = listed.get(venue);
      if (!symbols) {
        symbols = directory
          .get(venue)
          .markets()
          .then((markets) => new Set(markets.map((m) => m.symbol)));
        // A failed read is tried again next time rather than remembered.
        symbols.catch(() => listed.delete(venue));
        listed.set(venue, symbols);
      }
      return symbols;
    },
    ticker: (venue, symbol) => directory.get(venue).ticker(symbol),
  };
}
