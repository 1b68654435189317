// Positions (`positions:*`): what a margin account holds open — a concept spot venues lack, so only venues with
// positions (MetaTrader 5) list any. Closing is never gated and goes through the venue's own close, by ticket.
import { z } from 'zod';
import { OrderSide, Symbol, VenueId } from './domain';
import { ApiErrorData } from './errors';

const finite = z.number().finite();
const positive = finite.positive();
const timestamp = z.number().int().nonnegative();
/** The venue's id of the position (an MT5 ticket). */
const PositionId = z.string().regex(/^\d{1,20}$/, 'a position ticket is a number');
/** Which account of the venue holds it (an MT5 login). */
const AccountId = z.string().min(1).max(32);

export const Position = z.object({
  venue: VenueId,
  account: AccountId,
  id: PositionId,
  symbol: Symbol,
  side: OrderSide,
  volume: positive,
  openPrice: positive,
  currentPrice: positive.optional(),
  stopLoss: positive.optional(),
  takeProfit: positive.optional(),
  swap: finite,
  /** Floating profit in the account currency, swap excluded. */
  profit: finite,
  /** The account currency that `profit` and `swap` are in. */
  currency: z.string(),
  openedAt: timestamp,
});
export type Position = z.infer<typeof Position>;

/** A deal of the account's history: a position opened, added to or closed (in part). */
export const Deal = z.object({
  venue: VenueId,
  account: AccountId,
  id: z.string(),
  positionId: z.string(),
  symbol: Symbol,
  side: OrderSide,
  /** in: opens or adds; out: closes (in part); inout: reverses a netting position. */
  entry: z.enum(['in', 'out', 'inout']),
  volume: positive,
  price: positive,
  /** Realized profit of an `out` deal, in the account currency. */
  profit: finite,
  commission: finite,
  swap: finite,
  currency: z.string(),
  time: timestamp,
  /** The app's client order id when the deal came from this app's order or close. */
  clientOrderId: z.string().optional(),
});
export type Deal = z.infer<typeof Deal>;

export const PositionRef = z.object({ venue: VenueId, account: AccountId, id: PositionId }).strict();
export type PositionRef = z.infer<typeof PositionRef>;

export const ClosePosition = PositionRef.extend({
  /** Part of the volume to close; the whole position when absent. */
  volume: positive.optional(),
}).strict();
export type ClosePosition = z.infer<typeof ClosePosition>;

/** New stop loss and take profit; null removes one, absent keeps it. */
export const ModifyPosition = PositionRef.extend({
  stopLoss: positive.nullable().optional(),
  takeProfit: positive.nullable().optional(),
})
  .strict()
  .refine((value) => value.stopLoss !== undefined || value.takeProfit !== undefined, { message: 'say a new stop loss or take profit', path: ['stopLoss'] });
export type ModifyPosition = z.input<typeof ModifyPosition>;

export const ClosedPosition = z.object({
  venue: VenueId,
  account: AccountId,
  id: PositionId,
  symbol: Symbol,
  /** Volume closed now, at `price`. */
  volume: positive,
  price: positive,
  /** Volume still open after a partial close; 0 when the position is closed. */
  remaining: z.number().finite().nonnegative(),
});
export type ClosedPosition = z.infer<typeof ClosedPosition>;

export const PositionFailure = z.object({ venue: VenueId, account: AccountId, id: z.string().optional(), symbol: Symbol.optional(), error: ApiErrorData });
export type PositionFailure = z.infer<typeof PositionFailure>;

export const positionsChannels = {
  /** Every open position of every account that has positions; an account that could not answer is in `failed`. */
  'positions:list': {
    req: z.object({}).strict(),
    res: z.object({ positions: z.array(Position), failed: z.array(PositionFailure) }),
  },
  'positions:close': { req: ClosePosition, res: ClosedPosition },
  'positions:modify': { req: ModifyPosition, res: Position },
  /** The separate "Close all positions" action (the kill switch cancels orders; it does not close positions). */
  'positions:close-all': {
    req: z.object({ confirm: z.literal(true, 'confirm closing every position') }).strict(),
    res: z.object({ closed: z.array(ClosedPosition), failed: z.array(PositionFailure) }),
  },
  /** An account's deals since `since` (all it keeps when absent), newest first, at most 500. */
  'positions:deals': {
    req: z.object({ venue: VenueId, account: AccountId, since: timestamp.optional() }).strict(),
    res: z.object({ deals: z.array(Deal) }),
  },
} as const;

export const positionsEvents = {
  /** Something changed an account's positions (a deal, a close, SL/TP): listeners read `positions:list` again. */
  'positions.changed': z.object({ venue: VenueId, account: AccountId }),
} as const;
