// An exchange account's adapter as the app runs it: behind the venue's bulkhead, retry (reads and cancels), rate
// budget, breaker and deadline. The composition root and the tests and benchmarks that measure the app's path all
// wrap adapters here, so they cannot drift apart. Only the exchanges port is known here, never the vendor SDK: the
// adapter is created with its client-side spacing off (`enableRateLimit: false`), since the rate budget paces the
// venue (proven without ccxt's help by burst.test.ts) and a fixed spacing on top would only queue calls, e.g. a kill
// switch's cancels 50 ms apart, 2.6 s for 100 orders instead of 0.3 s.
import { rateLimitsOf, type ExchangeAdapter, type RateLimitSpec } from '../exchanges';
import type { ResilienceRegistry } from './registry';
import { withResilience } from './with-resilience';

export function resilientAccount(
  adapter: ExchangeAdapter,
  registry: ResilienceRegistry,
  rateLimits: RateLimitSpec = rateLimitsOf(adapter.id),
): ExchangeAdapter {
  const lastResponseHeaders = adapter.lastResponseHeaders?.bind(adapter);
  return withResilience(adapter, {
    registry,
    rateLimits,
    // Binance and MEXC report the weight already used; the budget corrects its own count with it.
    ...(lastResponseHeaders ? { lastResponseHeaders } : {}),
  });
}
