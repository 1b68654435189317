// Wraps a venue adapter so that every call of the port goes through the venue's pipeline. Reads are retried;
// placing an order never is (a lost answer is resolved by client order id, see ARCHITECTURE.md "Order").
//
// Cancels are retried like reads. Repeating a cancel cannot add exposure: at worst it cancels what is already
// cancelled. Not repeating one could leave an order working that the trader believes is gone. The catch is the
// answer to a repeat whose first attempt did land: the venue says "unknown order" (Binance -2011). So when a
// repeated cancel is refused, the order is fetched, and if it is cancelled that is the answer.
import { AppError, type VenueId } from '../../src-shared';
import type { ExchangeAdapter } from '../exchanges';
import type { ResourceClass } from './bulkhead';
import { VenuePipeline } from './pipeline';
import type { RateLimitSpec } from '../exchanges';
import type { ResilienceRegistry } from './registry';

export interface WithResilienceDeps {
  registry: ResilienceRegistry;
  /** The venue's limits, from its venue file. Without them calls are not rate-limited here. */
  rateLimits?: RateLimitSpec;
  /** Which bulkhead the calls share. Default 'exchange'. */
  resource?: ResourceClass;
  /**
   * The headers of the adapter's latest response (the port's optional `lastResponseHeaders`). Read
   * after each call so the venue's own count of used weight (`usedHeaders` of the spec) corrects the budget.
   */
  lastResponseHeaders?: () => Readonly<Record<string, unknown>> | undefined;
}

export function withResilience(adapter: ExchangeAdapter, deps: WithResilienceDeps): ExchangeAdapter {
  const venue: VenueId = adapter.id;
  const shared = deps.registry.venue(venue, deps.rateLimits);
  const pipeline = new VenuePipeline(deps.registry, shared, deps.registry.bulkhead(deps.resource ?? 'exchange'), deps.lastResponseHeaders);

  return {
    id: venue,
    markets: () => pipeline.read('markets', 'markets', () => adapter.markets()),
    ticker: (symbol) => pipeline.read('ticker', 'ticker', () => adapter.ticker(symbol)),
    candles: (symbol, timeframe, query) => pipeline.read('candles', 'candles', () => adapter.candles(symbol, timeframe, query)),
    balance: () => pipeline.read('balance', 'balance', () => adapter.balance()),
    createOrder: (request, clientOrderId) => pipeline.create('createOrder', 'createOrder', () => adapter.createOrder(request, clientOrderId)),
    async cancelOrder(symbol, exchangeOrderId) {
      let attempts = 0;
      try {
        return await pipeline.read('cancelOrder', 'cancelOrder', () => adapter.cancelOrder(symbol, exchangeOrderId), (n) => {
          attempts = n + 1;
        });
      } catch (error) {
        const refused = error instanceof AppError && (error.code === 'ORDER_REJECTED' || error.code === 'NOT_FOUND');
        if (!refused || attempts < 2) throw error;
        const order = await pipeline.read('fetchOrder', 'fetchOrder', () => adapter.fetchOrder(symbol, exchangeOrderId));
        if (order.status === 'cancelled') return order;
        throw error;
      }
    },
    fetchOrder: (symbol, id) => pipeline.read('fetchOrder', 'fetchOrder', () => adapter.fetchOrder(symbol, id)),
    fetchOrderByClientId: (symbol, clientOrderId) =>
      pipeline.read('fetchOrderByClientId', 'fetchOrderByClientId', () => adapter.fetchOrderByClientId(symbol, clientOrderId)),
    openOrders: (symbol) =>
      pipeline.read(symbol === undefined ? 'openOrdersAll' : 'openOrders', 'openOrders', () => adapter.openOrders(symbol)),
    myTrades: (symbol, since) => pipeline.read('myTrades', 'myTrades', () => adapter.myTrades(symbol, since)),
    // Local and free: no request, nothing to protect.
    newClientOrderId: () => adapter.newClientOrderId(),
    close: () => adapter.close(),
    // A heartbeat every few seconds (src-main/risk/dead-man-switch.ts) that must go out even while other calls
    // fail: it is not retried, and its failures must not open the venue's circuit.
    ...(adapter.armDeadManSwitch ? { armDeadManSwitch: (timeoutS: number) => adapter.armDeadManSwitch!(timeoutS) } : {}),
  };
}
