// Fake MEXC's rate limiting, per the spot v3 docs ("LIMITS"): weights per endpoint, and "each endpoint with IP
// limits has an independent 500 every 10 second limit", the same for UID limits; GET /api/v3/account also at most
// 2 times/s. Over the limit: 429 with Retry-After (seconds); a client that keeps sending inside the Retry-After
// period is banned with 418, as the docs warn ("from 2 minutes to 3 days").
import type { FakeRequest, FakeResponse } from '../venue-kit/http';
import { RateGate, type LimitSpec, type WindowSpec } from '../venue-kit/rate-window';
import { mexcError } from './orders';

export interface MexcRateLimits {
  ip: LimitSpec;
  uid: LimitSpec;
  account: LimitSpec;
  /** Requests inside a Retry-After period before the 418 ban, and the ban's length. */
  banAfter: number;
  banMs: number;
}

export const MEXC_DOCUMENTED_LIMITS: MexcRateLimits = {
  ip: { limit: 500, intervalMs: 10_000 },
  uid: { limit: 500, intervalMs: 10_000 },
  account: { limit: 2, intervalMs: 1_000 },
  banAfter: 3,
  banMs: 120_000,
};

/** Documented weights of the endpoints the fake serves: [IP, UID]. */
const WEIGHTS: Record<string, readonly [number, number]> = {
  'GET /api/v3/ping': [1, 0],
  'GET /api/v3/time': [1, 0],
  'GET /api/v3/exchangeInfo': [10, 0],
  'GET /api/v3/klines': [1, 0],
  'GET /api/v3/ticker/24hr': [1, 0],
  'GET /api/v3/account': [10, 0],
  'GET /api/v3/capital/config/getall': [10, 0],
  'POST /api/v3/order': [1, 1],
  'GET /api/v3/order': [2, 0],
  'DELETE /api/v3/order': [1, 0],
  'GET /api/v3/openOrders': [3, 0],
  'GET /api/v3/myTrades': [10, 0],
};

export function mexcRateGate(overrides: Partial<MexcRateLimits>, now: () => number) {
  const limits = { ...MEXC_DOCUMENTED_LIMITS, ...overrides };
  const windows: WindowSpec[] = [
    ...Object.keys(WEIGHTS).map((endpoint) => ({ id: `ip ${endpoint}`, ...limits.ip })),
    ...Object.keys(WEIGHTS).map((endpoint) => ({ id: `uid ${endpoint}`, ...limits.uid })),
    { id: 'account', ...limits.account },
  ];
  // MEXC does not document where its windows start; anchoring them at the first request keeps a test's burst from
  // straddling a boundary by chance.
  const rate = new RateGate({ windows, banAfter: limits.banAfter, banMs: limits.banMs, align: 'first-request', now });
  return (req: FakeRequest): { reject?: FakeResponse } => {
    const endpoint = `${req.method} ${req.path}`;
    // A refused signature reaches the handler and is answered there; unknown paths are not weighted.
    const weights = WEIGHTS[endpoint];
    if (weights === undefined) return {};
    const costs: Record<string, number> = { [`ip ${endpoint}`]: weights[0], [`uid ${endpoint}`]: weights[1] };
    if (endpoint === 'GET /api/v3/account') costs.account = 1;
    const decision = rate.charge(costs);
    if (!decision.rejected) return {};
    const { status, retryAfterMs } = decision.rejected;
    const body = status === 418 ? mexcError(418, 'IP banned for too many requests after 429', 418) : mexcError(429, 'Too Many Requests', 429);
    return { reject: { ...body, headers: { 'Retry-After': String(Math.ceil(retryAfterMs / 1000)) } } };
  };
}
