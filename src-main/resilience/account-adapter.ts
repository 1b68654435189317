// An exchange account's adapter as the app runs it: behind the venue's bulkhead, retry (reads and cancels), rate
// budget, breaker and deadline, with ccxt's own request spacing off. The composition root and the tests and
// benchmarks that measure the app's path all wrap adapters here, so they cannot drift apart.
import { CcxtAdapter, rateLimitsOf, type ExchangeAdapter } from '../exchanges';
import type { ResilienceRegistry } from './registry';
import type { RateLimitSpec } from './rate-limit-spec';
import { withResilience } from './with-resilience';

export function resilientAccount(
  adapter: ExchangeAdapter,
  registry: ResilienceRegistry,
  rateLimits: RateLimitSpec = rateLimitsOf(adapter.id),
): ExchangeAdapter {
  // The rate budget keeps the venue within its documented limits (proven without ccxt's help by burst.test.ts);
  // ccxt's fixed spacing on top would only queue calls, e.g. a kill switch's cancels 50 ms apart, 2.6 s for 100
  // orders instead of 0.3 s.
  if (adapter instanceof CcxtAdapter) adapter.exchange.enableRateLimit = false;
  return withResilience(adapter, {
    registry,
    rateLimits,
    // Binance and MEXC report the weight already used; the budget corrects its own count with it.
    ...(adapter instanceof CcxtAdapter ? { lastResponseHeaders: () => adapter.exchange.last_response_headers } : {}),
  });
}
