// What the aggregator needs from a source of prices: a third-party data API or a connected exchange. Providers turn
// their vendor's JSON and error shapes into these types and into AppErrors whose code says what happens next
// (RATE_LIMITED, AUTH_FAILED, NOT_FOUND, VENUE_UNAVAILABLE…), so the aggregator never reads vendor formats.
import type { Candle, ProviderCapability, ProviderId, Symbol, Timeframe } from '../../src-shared';
import type { RateWindow } from './rate-limiter';

export interface ProviderQuote {
  /** The provider's own name for the pair (e.g. `BTC-USD`, `X:BTCUSD`). */
  pair: string;
  price: number;
  bid?: number;
  ask?: number;
  /** When the source made the price, ms since the epoch. */
  timestamp: number;
}

export interface CandleRange {
  limit: number;
  /** Only candles opening strictly before this time; the newest when absent. */
  before?: number;
}

/** Per call: the API key read from the keychain (absent for sources that need none). */
export interface ProviderCall {
  apiKey?: string;
}

export interface MarketDataProvider {
  readonly id: ProviderId;
  readonly name: string;
  readonly kind: 'data-api' | 'exchange';
  readonly needsKey: boolean;
  /** The provider's own limits; the aggregator never calls it beyond them. Empty: it paces itself. */
  readonly rateLimit: readonly RateWindow[];
  readonly capabilities: readonly ProviderCapability[];
  quote(symbol: Symbol, call: ProviderCall): Promise<ProviderQuote>;
  /** Present only where the provider has candles (`capabilities` includes 'candles'). */
  candles?(symbol: Symbol, timeframe: Timeframe, range: CandleRange, call: ProviderCall): Promise<Candle[]>;
}

/** Bounds concurrent provider calls (resilience's 'market-data' bulkhead in the app; a pass-through in tests). */
export interface CallGate {
  execute<T>(fn: () => Promise<T>): Promise<T>;
}

export const passThroughGate: CallGate = { execute: (fn) => fn() };
