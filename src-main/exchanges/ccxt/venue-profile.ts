// What one ccxt venue does differently from the others. The base adapter (ccxt-adapter.ts) does everything that is
// the same for every venue; a venue file (binance.ts, gate.ts, mexc.ts) exports one `VenueProfile` and nothing else
// of substance, so adding a venue means writing a page of facts, not another adapter.
import type { Exchange, Order as CcxtOrder } from 'ccxt';
import type { AppError, OrderRequest, VenueId } from '../../../src-shared';
import type { RateLimitSpec } from '../rate-limit-spec';
import type { ExchangeCredentials } from '../ports';

/** Venues served through ccxt (demo and mt5 have their own adapters). */
export type CcxtVenueId = Extract<VenueId, 'binance' | 'gate' | 'mexc'>;

/** What the error mapper knows when it classifies a venue-specific failure. */
export interface VenueErrorContext {
  /** The venue's display name, for messages. */
  venueName: string;
  /** The error's message with secrets and signed query strings already removed. */
  message: string;
  /** Retry-After of the last response, when the venue sent one. */
  retryAfterMs: number | undefined;
  /**
   * Headers of the last response (ccxt's `last_response_headers`, names as ccxt spells them): venues that say how
   * long to wait somewhere other than Retry-After (Gate's X-Gate-RateLimit-Reset-Timestamp) are read from here.
   */
  headers: Readonly<Record<string, unknown>> | undefined;
  /** The adapter's clock, for turning a reset time into a wait. */
  now: number;
}

/** How to confirm an order whose create answer carries no status (MEXC): fetch it, retrying a "not found". */
export interface ConfirmCreate {
  /** Fetches in all, the first right after the create. */
  readonly attempts: number;
  /** Pause before each repeat, while the venue's read side catches up with its write side. */
  readonly delayMs: number;
}

export interface VenueQuirks {
  /** Whether the venue takes a stop-limit order through ccxt's unified `triggerPrice` on a limit order. */
  readonly stopLimit: boolean;
  /** Extra params for every create, e.g. a time-in-force the venue requires. */
  readonly createParams?: (request: OrderRequest) => Record<string, unknown>;
  /**
   * Our client order id as the venue reports it, when ccxt's `clientOrderId` is not it (Binance's cancel answer
   * puts a new cancel id there and the original in `origClientOrderId`).
   */
  readonly clientOrderIdOf?: (order: CcxtOrder) => string | undefined;
  /**
   * The venue sizes a market BUY in the quote currency, so ccxt needs a price to turn our base amount into a cost
   * (ccxt's `createMarketBuyOrderRequiresPrice`): the adapter reads the ticker and passes its ask (else last).
   */
  readonly marketBuyNeedsPrice?: boolean;
  /** The create answer has no status: fetch the order right after so the caller sees what the venue did. */
  readonly confirmCreate?: ConfirmCreate;
  /**
   * The venue lists open orders only per market. Without a symbol the adapter asks one market at a time, but only
   * markets where funds are locked (a resting spot order always locks its base or quote), and at most this many;
   * past that it refuses with INVALID_REQUEST asking for a symbol.
   */
  readonly openOrdersPerMarket?: { readonly maxMarkets: number };
  /** Venue-specific notes worth keeping next to the code (shown nowhere; read by the next engineer). */
  readonly notes?: readonly string[];
}

export interface VenueProfile {
  readonly id: CcxtVenueId;
  /** Display name used in error messages ("Binance refused the API key…"). */
  readonly name: string;
  /**
   * A fresh ccxt instance with the venue's options (market types, no implicit private calls in loadMarkets…).
   * Credentials are absent for a market-data-only connection. The base adapter applies URL overrides and sandbox
   * mode afterwards, so the profile never sees them.
   */
  createCcxt(credentials: ExchangeCredentials | undefined): Exchange;
  /** The ccxt create param that carries our client order id to the venue (Binance `newClientOrderId`, Gate `text`). */
  readonly clientOrderIdParam: string;
  /** A fresh client order id in the venue's format (prefix, length, alphabet). */
  makeClientOrderId(): string;
  /** The venue's order with this client order id, or undefined when the venue says it does not exist. */
  findByClientId(ex: Exchange, symbol: string, clientOrderId: string): Promise<CcxtOrder | undefined>;
  /** The venue's documented REST limits, for the rate budget in src-main/resilience. */
  readonly rateLimits: RateLimitSpec;
  readonly quirks: VenueQuirks;
  /**
   * Classifies failures that ccxt's hierarchy gets wrong for this venue (e.g. an error code ccxt maps to a generic
   * class). Returns undefined to fall through to the generic mapping in errors.ts.
   */
  classifyError?(error: unknown, context: VenueErrorContext): AppError | undefined;
  /** The venue's countdown cancel-all, where it has one: arms (or with 0 disarms) it for `timeoutS` seconds. */
  armDeadManSwitch?(ex: Exchange, timeoutS: number): Promise<void>;
}
