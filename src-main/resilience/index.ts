// Public API of the resilience domain: breaker, retry, rate budget, bulkheads and metrics around every venue call.
export { systemClock, type Clock } from './clock';
export { VenueBreaker, DEFAULT_BREAKER, isVenueFailure, type BreakerOptions, type BreakerState } from './breaker';
export { DEFAULT_RETRY, isRetryable, type RetryOptions } from './retry';
export { RateBudget, type RateBudgetSnapshot } from './rate-budget';
export {
  Bulkhead,
  BulkheadRejectedError,
  DEFAULT_BULKHEADS,
  RESOURCE_CLASSES,
  type BulkheadOptions,
  type ResourceClass,
} from './bulkhead';
export { Metrics } from './metrics';
export { ResilienceRegistry, type ResilienceOptions, type SharedBudgetFactory, type SharedBudgetPort, type VenueResilience } from './registry';
export { withResilience, type WithResilienceDeps } from './with-resilience';
export { resilientAccount } from './account-adapter';
export {
  VenueLink,
  VenueLinks,
  CONNECT_LIMITS,
  DEFAULT_PROBE_EVERY_MS,
  type LinkState,
  type Probe,
  type VenueLinkOptions,
} from './venue-link';
export { WakeWatch, type WakeWatchOptions } from './wake-watch';
