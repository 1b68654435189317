// The topics of the in-process event bus and what each carries. Events broadcast state changes (past tense);
// control flow uses direct calls.
import type { AlertTriggered, BalancesChanged, Order, Ticker, Trade, VenueId } from '../../src-shared';

export interface BusTopics {
  'price.updated': Ticker;
  'trade.executed': Trade;
  'order.updated': Order;
  'balance.changed': BalancesChanged;
  'strategy.triggered': { strategyId: string; venue: VenueId; symbol: string; signal: string; at: number };
  'alert.triggered': AlertTriggered;
  'risk.limit.exceeded': { limit: string; venue?: VenueId; symbol?: string; value: number; threshold: number; at: number };
}

export type Topic = keyof BusTopics;
