// Fake Gate's rate limiting, per Gate API v4's "Frequency limit rule": each public endpoint 200 r/10 s (per IP),
// each private endpoint 200 r/10 s (per UID), spot order placement 10 r/s per market, cancellation 200 r/s. Each
// endpoint counts apart, as Gate documents. Every answer carries X-Gate-RateLimit-Requests-Remain / -Limit /
// -Reset-Timestamp; a refused request gets 429 and the TOO_MANY_REQUESTS label. Gate documents no Retry-After and
// no 418 ban for REST, so neither is sent here (injected faults can still send them).
import type { FakeRequest, FakeResponse } from '../venue-kit/http';
import { RateGate, type LimitSpec, type WindowSpec } from '../venue-kit/rate-window';
import { gateError } from './orders';

export interface GateRateLimits {
  public: LimitSpec;
  private: LimitSpec;
  place: LimitSpec;
  cancel: LimitSpec;
}

export const GATE_DOCUMENTED_LIMITS: GateRateLimits = {
  public: { limit: 200, intervalMs: 10_000 },
  private: { limit: 200, intervalMs: 10_000 },
  place: { limit: 10, intervalMs: 1_000 },
  cancel: { limit: 200, intervalMs: 1_000 },
};

const PUBLIC_PATHS = ['/spot/time', '/spot/currencies', '/spot/currency_pairs', '/margin/currency_pairs', '/spot/tickers', '/spot/candlesticks'];
const PRIVATE_PATHS = ['/account/detail', '/spot/accounts', '/spot/orders', '/spot/orders/{order_id}', '/spot/open_orders', '/spot/my_trades'];

/** The window a request is counted in: one per endpoint, one per market for placement. */
function windowOf(req: FakeRequest): string | undefined {
  const path = req.path.replace(/^\/api\/v4/, '').replace(/^\/spot\/orders\/[^/]+$/, '/spot/orders/{order_id}');
  if (req.method === 'POST' && path === '/spot/orders') return `place ${req.params.currency_pair ?? ''}`;
  if (req.method === 'DELETE') return 'cancel';
  if (PUBLIC_PATHS.includes(path)) return `public ${path}`;
  if (PRIVATE_PATHS.includes(path)) return `private ${path}`;
  return undefined;
}

/** The `gate` hook of startFakeHttp: charges the request's window, or refuses it the way Gate does. */
export function gateRateGate(pairs: readonly string[], overrides: Partial<GateRateLimits>, now: () => number) {
  const limits = { ...GATE_DOCUMENTED_LIMITS, ...overrides };
  const spec = (id: string, l: LimitSpec): WindowSpec => ({ id, ...l });
  const windows = [
    ...PUBLIC_PATHS.map((p) => spec(`public ${p}`, limits.public)),
    ...PRIVATE_PATHS.map((p) => spec(`private ${p}`, limits.private)),
    ...pairs.map((pair) => spec(`place ${pair}`, limits.place)),
    spec('cancel', limits.cancel),
  ];
  // Gate does not document where its windows start; anchoring them at the first request keeps a test's burst from
  // straddling a boundary by chance.
  const rate = new RateGate({ windows, banAfter: Number.POSITIVE_INFINITY, align: 'first-request', now });
  return (req: FakeRequest): { reject?: FakeResponse; headers?: Record<string, string> } => {
    const id = windowOf(req);
    const window = windows.find((w) => w.id === id);
    if (id === undefined || window === undefined) return {};
    const decision = rate.charge({ [id]: 1 });
    const t = now();
    const resetMs = decision.rejected ? t + decision.rejected.retryAfterMs : t;
    const headers = {
      'X-Gate-RateLimit-Requests-Remain': String(Math.max(0, window.limit - (decision.used[id] ?? 0))),
      'X-Gate-RateLimit-Limit': String(window.limit),
      // Unix seconds: when the window resets after a refusal, otherwise simply now (Gate's docs).
      'X-Gate-RateLimit-Reset-Timestamp': String(Math.ceil(resetMs / 1000)),
    };
    if (decision.rejected) return { reject: gateError(429, 'TOO_MANY_REQUESTS', 'Request Rate limit Exceeded'), headers };
    return { headers };
  };
}
