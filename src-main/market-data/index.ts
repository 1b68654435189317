// The market-data domain's public face: the service the API and the composition root use, and the pieces tests
// and benchmarks build on.
export { MarketDataAggregator, DEFAULT_QUOTE_TTL_MS, type AggregatorOptions } from './aggregator';
export { CandleStore, UPSERT_CANDLE_SQL, type CandleSeriesKey, type StoredRange } from './candle-store';
export { MarketDataService, createDataApis, type MarketDataServiceOptions, type ProviderUrls, type VenueSource } from './service';
export { providerUrlsFromEnv } from './config';
export { ProviderKeys, keyAccount } from './provider-keys';
export { ProviderPriority, DEFAULT_PRIORITY } from './priority';
export { SlidingWindowLimiter, type ProviderLimiter, type RateWindow } from './rate-limiter';
export type { CallGate, CandleRange, MarketDataProvider, ProviderCall, ProviderQuote } from './ports';
