// MT5 answers (an order_send result, a `find`) as the app's Order. Amounts are lots; times are converted from the
// trade server's clock to UTC with the session's offset.
import type { Order, OrderRequest, OrderType, Symbol } from '../../../src-shared';
import type { CommandResult, Mt5Deal, TradeResult } from './protocol';

export interface OrderContext {
  symbol: Symbol;
  clientOrderId: string;
  serverOffsetMs: number;
  now: number;
}

/** The Order an accepted order_send describes. */
export function orderFromResult(request: OrderRequest, result: TradeResult, placed: boolean, context: OrderContext): Order {
  const filled = placed ? 0 : result.volume;
  return {
    clientOrderId: context.clientOrderId,
    exchangeOrderId: result.order !== '0' ? result.order : undefined,
    venue: 'mt5',
    mode: 'live',
    symbol: context.symbol,
    side: request.side,
    type: request.type,
    amount: request.amount,
    price: request.price,
    stopPrice: request.stopPrice,
    filled,
    averagePrice: filled > 0 && result.price > 0 ? result.price : undefined,
    status: placed ? 'open' : filled + 1e-9 >= request.amount ? 'filled' : 'partially-filled',
    createdAt: context.now,
    updatedAt: context.now,
  };
}

/**
 * What the terminal knows of a client order id, or undefined when the order never reached the trade server: `find`
 * found no result, no pending order and no deal carrying its comment or ticket.
 */
export function orderFromFind(found: CommandResult<'find'>, context: OrderContext, refusedReason?: string): Order | undefined {
  const pending = found.orders[0];
  const deals = found.deals.filter((deal) => deal.type === 'buy' || deal.type === 'sell');
  if (!pending && deals.length === 0) {
    if (found.state === 'done' && refusedReason) return baseOrder(context, { status: 'rejected', reason: refusedReason, side: 'buy', amount: found.result?.volume || 1 });
    return undefined;
  }
  const filled = deals.reduce((sum, deal) => sum + deal.volume, 0);
  const averagePrice = filled > 0 ? deals.reduce((sum, deal) => sum + deal.price * deal.volume, 0) / filled : undefined;
  const opened = earliest(deals)?.time ?? pending?.time ?? context.now + context.serverOffsetMs;
  if (pending) {
    // The app sends no plain stop order; one placed in the terminal reads as the market order it turns into.
    const type: OrderType = pending.type.includes('stop_limit') ? 'stop-limit' : pending.type.includes('stop') ? 'market' : 'limit';
    return baseOrder(context, {
      exchangeOrderId: pending.ticket,
      side: pending.type.startsWith('buy') ? 'buy' : 'sell',
      type,
      amount: pending.volumeInitial,
      price: pending.type.includes('stop_limit') ? pending.stopLimit || undefined : pending.price || undefined,
      stopPrice: pending.type.includes('stop_limit') ? pending.price || undefined : undefined,
      filled: pending.volumeInitial - pending.volumeCurrent,
      status: pending.volumeCurrent < pending.volumeInitial ? 'partially-filled' : 'open',
      createdAt: Math.max(0, opened - context.serverOffsetMs),
    });
  }
  const first = earliest(deals)!;
  return baseOrder(context, {
    exchangeOrderId: first.order,
    side: first.type === 'sell' ? 'sell' : 'buy',
    amount: filled,
    filled,
    averagePrice,
    status: 'filled',
    createdAt: Math.max(0, opened - context.serverOffsetMs),
  });
}

function earliest(deals: Mt5Deal[]): Mt5Deal | undefined {
  return [...deals].sort((a, b) => a.time - b.time)[0];
}

function baseOrder(context: OrderContext, fields: Partial<Order> & Pick<Order, 'status' | 'side' | 'amount'>): Order {
  return {
    clientOrderId: context.clientOrderId,
    venue: 'mt5',
    mode: 'live',
    symbol: context.symbol,
    type: 'market',
    filled: 0,
    createdAt: context.now,
    updatedAt: context.now,
    ...fields,
  };
}
