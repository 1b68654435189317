// The simulated venue: the matching engine of demo and paper trading, and where its accounts are kept.
export { SimulatedExchange, type SimulatedExchangeOptions } from './simulated-exchange';
export { DEFAULT_STARTING_BALANCES, SimulatedMode, type AccountState, type AssetFunds, type BookedOrder } from './account-state';
export { InMemoryAccountStore, type SimulatedAccountStore } from './account-store';
export type { AccountChange } from './account-state';
export { SqliteAccountStore } from './sqlite-account-store';
