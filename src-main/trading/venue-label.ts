// Venue names as a trader reads them in an order's reason: "Binance", "Binance (paper)", "Demo".
import { venueName, type TradingMode, type VenueId } from '../../src-shared';

export function venueLabel(venue: VenueId, mode: TradingMode): string {
  return mode === 'paper' ? `${venueName(venue)} (paper)` : venueName(venue);
}
