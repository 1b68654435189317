// Exchange rates between assets, from the last prices the venues gave (tickers on the bus, or read on demand through
// the exchanges port). A rate is found, best first: the same asset (1); a direct pair (ETH/USDT for ETH→USDT); the
// inverse pair (USDT/EUR read upside down for EUR→USDT); or through a bridge currency (ETH→USDT→EUR). Among venues
// quoting the same pair the freshest price wins. No rate is ever invented: an asset nobody quotes has none, and the
// caller shows "no price" rather than 0.
import type { VenueId } from '../../src-shared';

export interface Rate {
  /** How many units of `to` one unit of `from` is worth. */
  value: number;
  /** Where it comes from, for a trader: "binance ETH/USDT", or two legs joined by " × ". */
  source: string;
  /** When its oldest leg was quoted (ms since epoch); the age of the rate is now − at. */
  at: number;
}

/** Which venues' prices may value a given book: demo prices only value demo holdings, and never real ones. */
export type VenueFilter = (venue: VenueId) => boolean;

/** Currencies through which two assets without a common pair are converted, in order of preference. */
export const BRIDGE_CURRENCIES = ['USDT', 'USD', 'USDC', 'BTC'] as const;

interface Quote {
  price: number;
  at: number;
}

const pairKey = (base: string, quote: string): string => `${base}/${quote}`;

export class RateBook {
  private readonly pairs = new Map<string, Map<VenueId, Quote>>();

  /** Records a venue's last price of a pair such as `BTC/USDT`; symbols without a quote (MT5 `EURUSD`) are skipped. */
  update(venue: VenueId, symbol: string, price: number, at: number): void {
    const [base, quote] = symbol.split('/');
    if (!base || !quote || !(price > 0) || !Number.isFinite(price)) return;
    const key = pairKey(base, quote);
    let venues = this.pairs.get(key);
    if (!venues) this.pairs.set(key, (venues = new Map()));
    const known = venues.get(venue);
    if (!known || known.at <= at) venues.set(venue, { price, at });
  }

  /** Whether some venue quotes this pair (either way round). */
  quotes(base: string, quote: string): boolean {
    return this.pairs.has(pairKey(base, quote)) || this.pairs.has(pairKey(quote, base));
  }

  /** The last price of a pair on one venue, if it quoted it. */
  price(venue: VenueId, symbol: string): number | undefined {
    return this.pairs.get(symbol)?.get(venue)?.price;
  }

  /** When the venue last quoted the pair (0 if never). */
  quotedAt(venue: VenueId, symbol: string): number {
    return this.pairs.get(symbol)?.get(venue)?.at ?? 0;
  }

  rate(from: string, to: string, allow: VenueFilter = () => true): Rate | undefined {
    const direct = this.leg(from, to, allow);
    if (direct) return direct;
    for (const bridge of BRIDGE_CURRENCIES) {
      if (bridge === from || bridge === to) continue;
      const first = this.leg(from, bridge, allow);
      if (!first) continue;
      const second = this.leg(bridge, to, allow);
      if (!second) continue;
      return { value: first.value * second.value, source: `${first.source} × ${second.source}`, at: Math.min(first.at, second.at) };
    }
    return undefined;
  }

  /** Converts an amount, or undefined when there is no rate. */
  convert(amount: number, from: string, to: string, allow?: VenueFilter): number | undefined {
    const rate = this.rate(from, to, allow);
    return rate === undefined ? undefined : amount * rate.value;
  }

  private leg(from: string, to: string, allow: VenueFilter): Rate | undefined {
    if (from === to) return { value: 1, source: 'same currency', at: Number.POSITIVE_INFINITY };
    const direct = freshest(this.pairs.get(pairKey(from, to)), allow);
    if (direct) return { value: direct.quote.price, source: `${direct.venue} ${from}/${to}`, at: direct.quote.at };
    const inverse = freshest(this.pairs.get(pairKey(to, from)), allow);
    if (inverse) return { value: 1 / inverse.quote.price, source: `${inverse.venue} ${to}/${from} inverted`, at: inverse.quote.at };
    return undefined;
  }
}

function freshest(venues: Map<VenueId, Quote> | undefined, allow: VenueFilter): { venue: VenueId; quote: Quote } | undefined {
  let best: { venue: VenueId; quote: Quote } | undefined;
  for (const [venue, quote] of venues ?? []) {
    if (allow(venue) && (!best || quote.at > best.quote.at)) best = { venue, quote };
  }
  return best;
}
