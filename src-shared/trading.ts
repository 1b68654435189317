// Shapes of the trading channels (`orders:*`) and the events they push. An order is routed by venue and mode: the
// same venue can be traded live (real funds) or on paper (its real prices, simulated fills and balances).
import { z } from 'zod';
import { Balance, Order, OrderRequest, Symbol, Trade, TradingMode, VenueId } from './domain';
import { ApiErrorData } from './errors';

/** Where an order goes: `demo` for the demo venue, `live` or `paper` for a real one. */
export const VenueMode = z.object({ venue: VenueId, mode: TradingMode }).strict();
export type VenueMode = z.infer<typeof VenueMode>;

/** Whether a mode matches a venue: the demo venue is always `demo`, a real venue is `live` or `paper`. */
export function modeFitsVenue(venue: VenueId, mode: TradingMode): boolean {
  return venue === 'demo' ? mode === 'demo' : mode !== 'demo';
}

const modeRefinement = (value: { venue: VenueId; mode: TradingMode }, ctx: z.RefinementCtx): void => {
  if (!modeFitsVenue(value.venue, value.mode)) {
    const message = value.venue === 'demo' ? 'the demo venue trades in demo mode only' : 'a real venue trades live or on paper';
    ctx.addIssue({ code: 'custom', path: ['mode'], message });
  }
};

/** An order from the ticket: the request plus the mode it is meant for. */
export const PlaceOrder = z
  .object({
    venue: VenueId,
    mode: TradingMode,
    symbol: Symbol,
    side: OrderRequest.shape.side,
    type: OrderRequest.shape.type,
    amount: OrderRequest.shape.amount,
    price: OrderRequest.shape.price,
    stopPrice: OrderRequest.shape.stopPrice,
  })
  .strict()
  .superRefine(modeRefinement)
  .superRefine((order, ctx) => {
    if (order.type !== 'market' && order.price === undefined) {
      ctx.addIssue({ code: 'custom', path: ['price'], message: `a ${order.type} order needs a price` });
    }
    if (order.type === 'stop-limit' && order.stopPrice === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stopPrice'], message: 'a stop-limit order needs a stop price' });
    }
  });
export type PlaceOrder = z.infer<typeof PlaceOrder>;

const OrderRef = z.object({ clientOrderId: z.string().min(1).max(64) }).strict();

export const OrderScope = z.enum(['open', 'history']);
export type OrderScope = z.infer<typeof OrderScope>;

/**
 * Where the next page starts: the last row of the previous page (its time — `updatedAt` of a finished order,
 * `createdAt` of an open one, `timestamp` of a trade — and its id), so pages neither skip nor repeat a row.
 */
export const PageCursor = z.object({ at: z.number().int().nonnegative(), id: z.string().min(1).max(128) }).strict();
export type PageCursor = z.infer<typeof PageCursor>;

export const CancelAllResult = z.object({
  cancelled: z.array(Order),
  failed: z.array(z.object({ clientOrderId: z.string(), error: ApiErrorData })),
});
export type CancelAllResult = z.infer<typeof CancelAllResult>;

export const tradingChannels = {
  /**
   * Validates, journals, then sends. The answer is the order as it stands: open, filled, rejected (with the venue's
   * reason) or unknown (the venue took too long to say; it is being looked up by client order id). A request that
   * fails validation is refused with ORDER_REJECTED and nothing is sent.
   */
  'orders:place': { req: PlaceOrder, res: Order },
  'orders:cancel': { req: OrderRef, res: Order },
  /** Cancels every open order of a venue and mode, optionally of one symbol; reports each failure. */
  'orders:cancel-all': {
    req: VenueMode.extend({ symbol: Symbol.optional() }).strict().superRefine(modeRefinement),
    res: CancelAllResult,
  },
  /** Asks the venue again about an order (an unknown one, typically). */
  'orders:check': { req: OrderRef, res: Order },
  /** Open orders, or finished ones newest first; filtered by venue and mode when given; a page after `before`. */
  'orders:list': {
    req: z
      .object({
        scope: OrderScope,
        venue: VenueId.optional(),
        mode: TradingMode.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        before: PageCursor.optional(),
      })
      .strict(),
    res: z.array(Order),
  },
  'orders:trades': {
    req: z
      .object({
        venue: VenueId.optional(),
        mode: TradingMode.optional(),
        symbol: Symbol.optional(),
        limit: z.number().int().min(1).max(1000).default(200),
        before: PageCursor.optional(),
      })
      .strict(),
    res: z.array(Trade),
  },
  'orders:balances': { req: VenueMode.superRefine(modeRefinement), res: z.array(Balance) },
} as const;

export const BalancesChanged = z.object({ venue: VenueId, mode: TradingMode, balances: z.array(Balance) });
export type BalancesChanged = z.infer<typeof BalancesChanged>;

export const tradingEvents = {
  'order.updated': Order,
  'trade.executed': Trade,
  'balance.changed': BalancesChanged,
} as const;
