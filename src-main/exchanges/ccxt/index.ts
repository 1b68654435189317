// The ccxt-backed venues: the base adapter, the per-venue profile interface and the factory.
export { CcxtAdapter, type CcxtAdapterOptions } from './ccxt-adapter';
export { createExchangeAdapter, rateLimitsOf, SUPPORTED_VENUES, venueProfile, type CreateAdapterOptions } from './factory';
export { createStreamingExchange } from './streaming-exchange';
export { CcxtLiveSource, type CcxtLiveSourceOptions } from './live-source';
export { openCcxtLiveSource, type LiveSourceHandle } from './live-source-factory';
export { backoffCeiling, backoffDelay, DEFAULT_BACKOFF, type BackoffPolicy } from './backoff';
export type { VenueReach } from './watch-loop';
export { headerValue, toAppError, retryAfterMs, type ErrorMapContext } from './errors';
export { normalizeCandles } from './normalize';
export { redact } from './redact';
export { applyConnectionOptions, parseBaseUrl, validateConnectionOptions } from './urls';
export { fetchOrderByClientIdParam, randomClientOrderId } from './client-order-id';
export { binance, BINANCE_RATE_LIMITS } from './binance';
export { gate, GATE_RATE_LIMITS } from './gate';
export { mexc, MEXC_RATE_LIMITS } from './mexc';
export type { CcxtVenueId, ConfirmCreate, VenueErrorContext, VenueProfile, VenueQuirks } from './venue-profile';
