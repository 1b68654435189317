// The trading domain's public face: the order service, its journal, and the types other services code against.
export { OrderJournal, type JournaledOrder, type OrderQuery, type Resolution, type TradeQuery } from './order-journal';
export { OrderService, type OrderListQuery, type OrderServiceOptions, type PreTradeCheck, type TradeListQuery } from './order-service';
export { DEFAULT_RESOLVE_TIMING, defaultSettlement, type ResolveTiming, type Settlement, type VenueFor } from './order-resolver';
export { ADOPTED_REASON, type VenueKey } from './order-recorder';
export type { ReconcileReport } from './reconciler';
export { TradingVenues } from './trading-venues';
export { PositionService, type PositionServiceOptions } from './position-service';
