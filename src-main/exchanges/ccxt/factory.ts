// The one way to get an adapter for a real venue. Input comes from the accounts screen (venue name, keys, base
// URLs), so everything is checked here and refused with INVALID_REQUEST before any request leaves the machine.
import { AppError } from '../../../src-shared';
import type { RateLimitSpec } from '../rate-limit-spec';
import type { ExchangeAdapter, ExchangeConnectionOptions, ExchangeCredentials } from '../ports';
import { binance } from './binance';
import { CcxtAdapter, type CcxtAdapterOptions } from './ccxt-adapter';
import { gate } from './gate';
import { mexc } from './mexc';
import { applyConnectionOptions, validateConnectionOptions } from './urls';
import type { CcxtVenueId, VenueProfile } from './venue-profile';

const PROFILES: Readonly<Record<CcxtVenueId, VenueProfile>> = { binance, gate, mexc };

/** Venues an account can be added for, in display order. */
export const SUPPORTED_VENUES: readonly CcxtVenueId[] = ['binance', 'gate', 'mexc'];

export function venueProfile(venue: string): VenueProfile {
  // hasOwn: a name such as "toString" must not find Object.prototype's.
  const profile = Object.hasOwn(PROFILES, venue) ? PROFILES[venue as CcxtVenueId] : undefined;
  if (!profile) {
    throw new AppError('INVALID_REQUEST', `"${venue}" is not a supported exchange; choose one of: ${SUPPORTED_VENUES.join(', ')}`);
  }
  return profile;
}

/**
 * The venue's documented REST limits, for the composition root to wrap an adapter with `withResilience` (the
 * adapter itself does not throttle beyond ccxt). Refuses an unsupported venue like `venueProfile`.
 */
export function rateLimitsOf(venue: string): RateLimitSpec {
  return venueProfile(venue).rateLimits;
}

/** Trims what a trader pasted; refuses blank fields (a key pasted with a newline is the common mistake). */
function checkCredentials(profile: VenueProfile, credentials: ExchangeCredentials): ExchangeCredentials {
  const apiKey = credentials.apiKey.trim();
  const secret = credentials.secret.trim();
  if (apiKey === '') throw new AppError('INVALID_REQUEST', `The ${profile.name} API key is empty: paste the key shown when it was created`);
  if (secret === '') throw new AppError('INVALID_REQUEST', `The ${profile.name} API secret is empty: paste the secret shown when the key was created`);
  const password = credentials.password?.trim();
  return password ? { apiKey, secret, password } : { apiKey, secret };
}

export interface CreateAdapterOptions extends ExchangeConnectionOptions {
  mode?: CcxtAdapterOptions['mode'];
  /** ccxt's request timeout in ms (default ccxt's 10 s). */
  timeoutMs?: number;
  /**
   * ccxt's own fixed request spacing (default on, as in ccxt). Off for an adapter behind the resilience stack, whose
   * rate budget already keeps the venue within its documented limits.
   */
  enableRateLimit?: boolean;
}

/**
 * An adapter for `venue`. Without credentials it serves public market data only; private calls then fail with
 * AUTH_FAILED. Nothing is sent here: validating the keys is the caller's first private call (balance()).
 */
export function createExchangeAdapter(
  venue: string,
  credentials: ExchangeCredentials | undefined,
  options: CreateAdapterOptions = {},
): ExchangeAdapter {
  const profile = venueProfile(venue);
  const checked = credentials === undefined ? undefined : checkCredentials(profile, credentials);
  validateConnectionOptions(options);
  const ex = profile.createCcxt(checked);
  if (options.timeoutMs !== undefined) ex.timeout = options.timeoutMs;
  if (options.enableRateLimit !== undefined) ex.enableRateLimit = options.enableRateLimit;
  applyConnectionOptions(ex, options);
  return new CcxtAdapter(profile, ex, { credentials: checked, ...(options.mode ? { mode: options.mode } : {}) });
}
