// Domain value types shared by main and renderer. Every shape is a zod schema so that main can validate what the
// (untrusted) renderer sends, and both sides derive their TypeScript types from the same source.
import { z } from 'zod';

/** Venues the app knows. `demo` is the built-in simulated market and the default on a fresh install. */
export const VENUE_IDS = ['demo', 'binance', 'gate', 'mexc', 'mt5'] as const;
export const VenueId = z.enum(VENUE_IDS);
export type VenueId = z.infer<typeof VenueId>;

/** Venue names as a trader reads them, in messages and on screen. */
export const VENUE_NAMES: Readonly<Record<VenueId, string>> = {
  demo: 'Demo',
  binance: 'Binance',
  gate: 'Gate.io',
  mexc: 'MEXC',
  mt5: 'MetaTrader 5',
};

/** The venue's name; an id this build does not know (an old row, a log) is shown as it is. */
export function venueName(venue: VenueId | string): string {
  return Object.hasOwn(VENUE_NAMES, venue) ? VENUE_NAMES[venue as VenueId] : venue;
}

/** How a venue's orders affect money: live (real funds), paper (real data, simulated fills) or demo (all simulated). */
export const TradingMode = z.enum(['live', 'paper', 'demo']);
export type TradingMode = z.infer<typeof TradingMode>;

export const TIMEFRAMES = ['1m', '5m', '15m', '1h', '4h', '1d'] as const;
export const Timeframe = z.enum(TIMEFRAMES);
export type Timeframe = z.infer<typeof Timeframe>;

const TIMEFRAME_MS: Record<Timeframe, number> = {
  '1m': 60_000,
  '5m': 300_000,
  '15m': 900_000,
  '1h': 3_600_000,
  '4h': 14_400_000,
  '1d': 86_400_000,
};

export function timeframeMs(timeframe: Timeframe): number {
  return TIMEFRAME_MS[timeframe];
}

/** Unified symbol, `BASE/QUOTE` in upper case, as ccxt writes it. */
export const Symbol = z
  .string()
  .regex(/^[A-Z0-9]{1,20}\/[A-Z0-9]{1,20}$/, 'a symbol looks like BTC/USDT');
export type Symbol = z.infer<typeof Symbol>;

const finite = z.number().finite();
const positive = finite.positive();
const nonNegative = finite.nonnegative();
/** Milliseconds since the Unix epoch, UTC. */
const timestamp = z.number().int().nonnegative();

export const Market = z.object({
  venue: VenueId,
  symbol: Symbol,
  base: z.string().min(1),
  quote: z.string().min(1),
  /** Decimal places of a price and of an amount, as the venue enforces them. */
  pricePrecision: z.number().int().min(0).max(18),
  amountPrecision: z.number().int().min(0).max(18),
  minAmount: nonNegative.optional(),
  minNotional: nonNegative.optional(),
  active: z.boolean(),
  /**
   * Where an amount is not units of the base (MT5 lots of a contract): the value, in `currency` (the account's), of an
   * amount of 1 at a price of 1. Risk limits of such a market are in that currency. Absent: amount × price in quote.
   */
  valuation: z.object({ perUnitPrice: positive, currency: z.string().min(1) }).optional(),
});
export type Market = z.infer<typeof Market>;

export const Ticker = z.object({
  venue: VenueId,
  symbol: Symbol,
  last: positive,
  bid: positive.optional(),
  ask: positive.optional(),
  /** Change over the last 24 h in percent, when the venue says. */
  change24hPct: finite.optional(),
  timestamp,
});
export type Ticker = z.infer<typeof Ticker>;

/** One OHLCV bar; `time` is the bar's open time. */
export const Candle = z.object({
  time: timestamp,
  open: positive,
  high: positive,
  low: positive,
  close: positive,
  volume: nonNegative,
});
export type Candle = z.infer<typeof Candle>;

export const OrderSide = z.enum(['buy', 'sell']);
export type OrderSide = z.infer<typeof OrderSide>;
export const OrderType = z.enum(['market', 'limit', 'stop-limit']);
export type OrderType = z.infer<typeof OrderType>;

export const OrderRequest = z
  .object({
    venue: VenueId,
    symbol: Symbol,
    side: OrderSide,
    type: OrderType,
    amount: positive,
    price: positive.optional(),
    stopPrice: positive.optional(),
  })
  .superRefine((order, ctx) => {
    if (order.type !== 'market' && order.price === undefined) {
      ctx.addIssue({ code: 'custom', path: ['price'], message: `a ${order.type} order needs a price` });
    }
    if (order.type === 'stop-limit' && order.stopPrice === undefined) {
      ctx.addIssue({ code: 'custom', path: ['stopPrice'], message: 'a stop-limit order needs a stop price' });
    }
  });
export type OrderRequest = z.infer<typeof OrderRequest>;

/** UNKNOWN: the venue may or may not have the order (a lost response); it is resolved by client order id. */
export const OrderStatus = z.enum(['pending', 'open', 'partially-filled', 'filled', 'cancelled', 'rejected', 'unknown']);
export type OrderStatus = z.infer<typeof OrderStatus>;

export const Order = z.object({
  clientOrderId: z.string().min(1),
  exchangeOrderId: z.string().min(1).optional(),
  venue: VenueId,
  mode: TradingMode,
  symbol: Symbol,
  side: OrderSide,
  type: OrderType,
  amount: positive,
  price: positive.optional(),
  stopPrice: positive.optional(),
  filled: nonNegative,
  averagePrice: positive.optional(),
  status: OrderStatus,
  /** Why the order is rejected or unknown, in words a trader can act on. */
  reason: z.string().optional(),
  createdAt: timestamp,
  updatedAt: timestamp,
});
export type Order = z.infer<typeof Order>;

export const Balance = z.object({
  venue: VenueId,
  asset: z.string().min(1),
  free: nonNegative,
  used: nonNegative,
  total: nonNegative,
});
export type Balance = z.infer<typeof Balance>;

/** A trade on the venue's public tape (anyone's), as a time & sales list shows it. */
export const PublicTrade = z.object({
  /** The venue's trade id, when it gives one. */
  id: z.string().optional(),
  price: positive,
  amount: positive,
  /** The taker's side: a buy lifted the ask, a sell hit the bid. */
  side: OrderSide.optional(),
  timestamp,
});
export type PublicTrade = z.infer<typeof PublicTrade>;

export const Trade = z.object({
  id: z.string().min(1),
  venue: VenueId,
  mode: TradingMode,
  symbol: Symbol,
  side: OrderSide,
  price: positive,
  amount: positive,
  fee: nonNegative.optional(),
  feeAsset: z.string().optional(),
  clientOrderId: z.string().optional(),
  timestamp,
});
export type Trade = z.infer<typeof Trade>;
