// Which book a fill or a balance belongs to. Live, paper, demo and MetaTrader 5 money never mix: each is its own
// portfolio, and the screen's switch chooses one (live by default).
import type { PortfolioView, TradingMode, VenueId } from '../../src-shared';

export function viewOf(venue: VenueId, mode: TradingMode): PortfolioView {
  return isMargin(venue) ? 'mt5' : mode;
}

/** A venue whose accounts trade on margin (positions, not coins bought with cash): its view is its own figures. */
export function isMargin(venue: VenueId): boolean {
  return venue === 'mt5';
}

const DEMO_PRICES = (venue: VenueId): boolean => venue === 'demo';
const REAL_PRICES = (venue: VenueId): boolean => venue !== 'demo';

/** Whose prices may value a view: the demo market's synthetic prices only value demo money, and real prices the rest. */
export function priceSourceFor(view: PortfolioView): (venue: VenueId) => boolean {
  return view === 'demo' ? DEMO_PRICES : REAL_PRICES;
}

// Split once per symbol: a rebuild asks for the same few symbols a hundred thousand times.
const pairs = new Map<string, readonly [string, string]>();
function pairOf(symbol: string): readonly [string, string] {
  let pair = pairs.get(symbol);
  if (!pair) {
    const [base = symbol, quote = ''] = symbol.split('/');
    pair = [base, quote];
    if (pairs.size < 10_000) pairs.set(symbol, pair);
  }
  return pair;
}

export const baseOf = (symbol: string): string => pairOf(symbol)[0];
/** The quote of `BASE/QUOTE`; empty for a symbol that does not say (an MT5 `EURUSD`). */
export const quoteOf = (symbol: string): string => pairOf(symbol)[1];
