export type {
  CandleQuery,
  CandleUpdate,
  ExchangeAdapter,
  ExchangeConnectionOptions,
  ExchangeCredentials,
  LiveCandleSource,
  MarketDataVenue,
} from './ports';
export { DemoVenue, DEMO_SYMBOLS, type DemoVenueOptions } from './demo';
export { VenueDirectory, type VenueEntry } from './venue-directory';
