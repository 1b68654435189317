// Where an order of a venue and mode goes. Live orders go to the venue's account and demo orders to the demo venue's
// simulated market, both as the VenueDirectory has them; paper orders go to a simulated account per real venue,
// priced by that venue's public data and created on first use. A paper account is rebuilt when its venue's adapter
// changes (an account reconnected), so it never prices from a closed connection; its state lives in the store.
import { AppError, modeFitsVenue, type TradingMode, type VenueId } from '../../src-shared';
import { SimulatedExchange, type MarketDataVenue, type SimulatedAccountStore, type TradingVenue, type VenueDirectory } from '../exchanges';
import type { VenueKey } from './order-recorder';

interface PaperAccount {
  prices: MarketDataVenue;
  exchange: SimulatedExchange;
}

export class TradingVenues {
  private readonly paper = new Map<VenueId, PaperAccount>();

  constructor(
    private readonly directory: VenueDirectory,
    private readonly store: SimulatedAccountStore,
  ) {}

  /** Throws VENUE_UNAVAILABLE when the venue is not connected (paper needs its public data too). */
  readonly venueFor = (venue: VenueId, mode: TradingMode): TradingVenue => {
    if (!modeFitsVenue(venue, mode)) {
      throw new AppError('INVALID_REQUEST', venue === 'demo' ? 'the demo venue trades in demo mode only' : 'a real venue trades live or on paper');
    }
    if (mode !== 'paper') return this.directory.trading(venue);
    const prices = this.directory.get(venue);
    const existing = this.paper.get(venue);
    if (existing?.prices === prices) return existing.exchange;
    existing?.exchange.close();
    const live = this.directory.liveSource(venue);
    const exchange = new SimulatedExchange({ venue, mode: 'paper', prices, store: this.store, ...(live ? { live } : {}) });
    this.paper.set(venue, { prices, exchange });
    return exchange;
  };

  /** Every connected venue in its own mode (live accounts, demo): where orders placed elsewhere can be found. */
  connected(): VenueKey[] {
    return this.directory
      .summaries()
      .filter((summary) => summary.available)
      .map((summary) => ({ venue: summary.id, mode: summary.mode }));
  }

  close(): void {
    for (const { exchange } of this.paper.values()) exchange.close();
    this.paper.clear();
  }
}
