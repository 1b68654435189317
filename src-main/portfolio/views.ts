// Which book a fill or a balance belongs to. Live, paper, demo and MetaTrader 5 money never mix: each is its own
// portfolio, and the screen's switch chooses one (live by default).
import type { PortfolioView, TradingMode, VenueId } from '../../src-shared';

export function viewOf(venue: VenueId, mode: TradingMode): PortfolioView {
  return venue === 'mt5' ? 'mt5' : mode;
}

/** Whose prices may value a view: the demo market's synthetic prices only value demo money, and real prices the rest. */
export function priceSourceFor(view: PortfolioView): (venue: VenueId) => boolean {
  return view === 'demo' ? (venue) => venue === 'demo' : (venue) => venue !== 'demo';
}

export const baseOf = (symbol: string): string => symbol.split('/')[0] ?? symbol;
/** The quote of `BASE/QUOTE`; empty for a symbol that does not say (an MT5 `EURUSD`). */
export const quoteOf = (symbol: string): string => symbol.split('/')[1] ?? '';
