export type {
  CandleQuery,
  CandleUpdate,
  ExchangeAdapter,
  ExchangeConnectionOptions,
  ExchangeCredentials,
  LiveCandleSource,
  MarketDataVenue,
  OrderActivity,
  StatusChange,
  StatusListener,
  TradingVenue,
} from './ports';
export {
  EXCHANGE_OPERATIONS,
  type ExchangeOperation,
  type OperationCost,
  type RateLimitSpec,
  type RateWindowSpec,
} from './rate-limit-spec';
export { DemoVenue, DEMO_SYMBOLS, seededRandom, type DemoVenueOptions } from './demo';
export {
  DEFAULT_STARTING_BALANCES,
  InMemoryAccountStore,
  SimulatedExchange,
  SimulatedMode,
  SqliteAccountStore,
  type AccountState as SimulatedAccountState,
  type SimulatedAccountStore,
  type SimulatedExchangeOptions,
} from './simulated';
export { ccxtLib, type CcxtLib } from './ccxt/ccxt-lib';
export { VenueDirectory, pendingWords, type PendingVenue, type VenueEntry } from './venue-directory';
export {
  applyConnectionOptions,
  backoffCeiling,
  backoffDelay,
  CcxtAdapter,
  CcxtLiveSource,
  DEFAULT_BACKOFF,
  normalizeCandles,
  openCcxtLiveSource,
  createExchangeAdapter,
  createStreamingExchange,
  rateLimitsOf,
  redact,
  SUPPORTED_VENUES,
  toAppError,
  type BackoffPolicy,
  type CcxtLiveSourceOptions,
  type CcxtVenueId,
  type CreateAdapterOptions,
  type LiveSourceHandle,
  type VenueReach,
  type VenueProfile,
} from './ccxt';
export {
  BridgeError,
  DEFAULT_BRIDGE_PORT,
  getOrCreatePairingToken,
  Mt5BridgeServer,
  Mt5Session,
  Mt5Venue,
  PAIRING_TOKEN_ENTRY,
  type Mt5BridgeServerOptions,
  type Mt5Terminal,
  type Mt5VenueOptions,
} from './mt5';
