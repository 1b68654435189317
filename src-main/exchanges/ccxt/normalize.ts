// ccxt objects → src-shared types. ccxt fills fields it could not read with undefined (sometimes NaN after its own
// arithmetic), so every number is checked here: an optional field the venue left out stays absent, a required one
// falls back to a value that is true (the request we sent, the time we got the answer) or the record is dropped.
// Nothing NaN or undefined reaches a required field.
import type { Balances, MarketInterface, OHLCV, Order as CcxtOrder, Ticker as CcxtTicker, Trade as CcxtTrade } from 'ccxt';
import {
  AppError,
  Symbol as SymbolSchema,
  type Balance,
  type Candle,
  type Market,
  type Order,
  type OrderRequest,
  type OrderStatus,
  type OrderType,
  type PublicTrade,
  type Ticker,
  type Trade,
  type TradingMode,
  type VenueId,
} from '../../../src-shared';

/** ccxt's precision modes (base/functions/number.js): what `market.precision.price` means. */
export const PRECISION_MODE = { DECIMAL_PLACES: 2, SIGNIFICANT_DIGITS: 3, TICK_SIZE: 4 } as const;

/** A finite number from a number or a numeric string; undefined for anything else (NaN, '', null, objects). */
export function finite(value: unknown): number | undefined {
  const n = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : NaN;
  return Number.isFinite(n) ? n : undefined;
}
const positive = (value: unknown): number | undefined => {
  const n = finite(value);
  return n !== undefined && n > 0 ? n : undefined;
};
const nonNegative = (value: unknown): number | undefined => {
  const n = finite(value);
  return n !== undefined && n >= 0 ? n : undefined;
};
/** Epoch ms: a non-negative safe integer (a garbled 2^53 would fail the shared schema's int check). */
const timestamp = (value: unknown): number | undefined => {
  const n = finite(value);
  if (n === undefined || n < 0) return undefined;
  const ms = Math.trunc(n);
  return Number.isSafeInteger(ms) ? ms : undefined;
};
const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
const isSymbol = (value: unknown): value is string => SymbolSchema.safeParse(value).success;

/** Decimal places of a tick (0.01 → 2, 0.5 → 1, 1e-8 → 8, 10 → 0). */
export function decimalsOfTick(tick: number): number | undefined {
  if (!(tick > 0) || !Number.isFinite(tick)) return undefined;
  for (let places = 0; places <= 18; places += 1) if (Number(tick.toFixed(places)) === tick) return places;
  return undefined;
}

/** Decimal places from ccxt's precision value; undefined when the mode cannot say (significant digits). */
export function precisionPlaces(value: unknown, mode: number): number | undefined {
  const n = finite(value);
  if (n === undefined) return undefined;
  if (mode === PRECISION_MODE.TICK_SIZE) return decimalsOfTick(n);
  if (mode === PRECISION_MODE.DECIMAL_PLACES && Number.isInteger(n) && n >= 0 && n <= 18) return n;
  return undefined;
}

/**
 * A market the app can trade, or undefined. Markets without a readable precision are dropped rather than guessed:
 * order validation rounds to that precision, and a guess would turn into rejected orders.
 */
export function normalizeMarket(venue: VenueId, m: Partial<MarketInterface>, precisionMode: number): Market | undefined {
  const base = text(m.base);
  const quote = text(m.quote);
  const pricePrecision = precisionPlaces(m.precision?.price, precisionMode);
  const amountPrecision = precisionPlaces(m.precision?.amount, precisionMode);
  if (!isSymbol(m.symbol) || !base || !quote || pricePrecision === undefined || amountPrecision === undefined) return undefined;
  const market: Market = {
    venue,
    symbol: m.symbol,
    base,
    quote,
    pricePrecision,
    amountPrecision,
    // ccxt leaves `active` undefined when the venue does not say; listed markets trade unless told otherwise.
    active: m.active !== false,
  };
  const minAmount = nonNegative(m.limits?.amount?.min);
  const minNotional = nonNegative(m.limits?.cost?.min);
  if (minAmount !== undefined) market.minAmount = minAmount;
  if (minNotional !== undefined) market.minNotional = minNotional;
  return market;
}

/**
 * A ticker needs a price: last, else close (ccxt's other name for it), else the mid of bid and ask — a market with a
 * book but no trade in the venue's message still has a price a trader would deal near. Without any the venue told us
 * nothing: the REST ticker is refused with a typed error, a streamed one is skipped (live-source.ts) and the next
 * message brings the price. The one rule for both, so the top bar and a fetched ticker never disagree.
 */
export function normalizeTicker(venue: VenueId, symbol: string, t: Partial<CcxtTicker>, now: number): Ticker {
  const bid = positive(t.bid);
  const ask = positive(t.ask);
  const last = positive(t.last) ?? positive(t.close) ?? (bid !== undefined && ask !== undefined ? (bid + ask) / 2 : undefined);
  if (last === undefined) {
    throw new AppError('VENUE_UNAVAILABLE', `${venue} sent no price for ${symbol}; try again shortly`);
  }
  const ticker: Ticker = { venue, symbol, last, timestamp: timestamp(t.timestamp) ?? now };
  if (bid !== undefined) ticker.bid = bid;
  if (ask !== undefined) ticker.ask = ask;
  const change = finite(t.percentage);
  if (change !== undefined) ticker.change24hPct = change;
  return ticker;
}

/** Rows with a missing or non-positive price are dropped: a chart cannot draw them and a zero would be a lie. */
export function normalizeCandles(rows: readonly (Partial<OHLCV> | undefined)[]): Candle[] {
  const candles: Candle[] = [];
  for (const row of rows) {
    if (!Array.isArray(row)) continue;
    const time = timestamp(row[0]);
    const [open, high, low, close] = [row[1], row[2], row[3], row[4]].map(positive);
    if (time === undefined || open === undefined || high === undefined || low === undefined || close === undefined) continue;
    // A venue that omits volume had none worth reporting for this bar.
    candles.push({ time, open, high, low, close, volume: nonNegative(row[5]) ?? 0 });
  }
  return candles.sort((a, b) => a.time - b.time);
}

/** Assets with a non-zero total. `used` is derived when the venue gives only free and total. */
export function normalizeBalances(venue: VenueId, balances: Partial<Balances>): Balance[] {
  const out: Balance[] = [];
  for (const [asset, entry] of Object.entries(balances)) {
    if (['info', 'timestamp', 'datetime', 'free', 'used', 'total', 'debt'].includes(asset)) continue;
    if (entry === null || typeof entry !== 'object') continue;
    const e = entry as Partial<Record<'free' | 'used' | 'total', unknown>>;
    const free = nonNegative(e.free);
    const used = nonNegative(e.used);
    const total = nonNegative(e.total) ?? (free !== undefined || used !== undefined ? (free ?? 0) + (used ?? 0) : undefined);
    // Free + used of two huge numbers can overflow to Infinity: such a record is garbage, not a balance.
    if (total === undefined || total === 0 || !Number.isFinite(total)) continue;
    const freeOut = free ?? Math.max(0, total - (used ?? 0));
    out.push({ venue, asset, free: freeOut, used: used ?? Math.max(0, total - freeOut), total });
  }
  return out.sort((a, b) => a.asset.localeCompare(b.asset));
}

/** ccxt's unified statuses (open, closed, canceled, expired, rejected) onto ours. */
export function normalizeStatus(status: unknown, filled: number): OrderStatus {
  switch (status) {
    case 'open':
      return filled > 0 ? 'partially-filled' : 'open';
    case 'closed':
      return 'filled';
    case 'canceled':
    case 'cancelled':
    case 'expired':
      return 'cancelled';
    case 'rejected':
      return 'rejected';
    default:
      return 'unknown';
  }
}

/**
 * 'unknown' means "the venue may not have this order" and sends the order service looking for it by client id. An
 * answer that carries the venue's order id but no status (MEXC's create) proves the venue has the order, so it is
 * 'pending': accepted, state not read yet.
 */
function orderStatus(o: Partial<CcxtOrder>, filled: number): OrderStatus {
  if ((o.status === undefined || o.status === null) && text(o.id) !== undefined) return 'pending';
  return normalizeStatus(o.status, filled);
}

/** What we already know about the order, used where the venue's answer is silent. */
export interface OrderContext {
  venue: VenueId;
  mode: TradingMode;
  now: number;
  symbol?: string;
  clientOrderId?: string;
  request?: OrderRequest;
}

function orderType(o: Partial<CcxtOrder>, trigger: number | undefined, request: OrderRequest | undefined): OrderType {
  const type = typeof o.type === 'string' ? o.type.toLowerCase() : undefined;
  if (trigger !== undefined && type !== 'market') return 'stop-limit';
  if (type === 'market' || type === 'limit') return type;
  if (type !== undefined && type.includes('limit')) return trigger !== undefined ? 'stop-limit' : 'limit';
  return request?.type ?? (positive(o.price) === undefined ? 'market' : 'limit');
}

export function normalizeOrder(o: Partial<CcxtOrder>, ctx: OrderContext): Order {
  const clientOrderId = text(o.clientOrderId) ?? ctx.clientOrderId ?? text(o.id);
  const symbol = isSymbol(o.symbol) ? o.symbol : (ctx.symbol ?? ctx.request?.symbol);
  const side = o.side === 'buy' || o.side === 'sell' ? o.side : ctx.request?.side;
  const filled = nonNegative(o.filled) ?? 0;
  const amount = positive(o.amount) ?? ctx.request?.amount ?? positive(filled);
  if (clientOrderId === undefined || symbol === undefined || side === undefined || amount === undefined) {
    throw new AppError('INTERNAL', `${ctx.venue} returned an order without ${[clientOrderId === undefined && 'an id', symbol === undefined && 'a symbol', side === undefined && 'a side', amount === undefined && 'an amount'].filter(Boolean).join(', ')}`);
  }
  const trigger = positive(o.triggerPrice) ?? positive(o.stopPrice) ?? ctx.request?.stopPrice;
  const createdAt = timestamp(o.timestamp) ?? ctx.now;
  const order: Order = {
    clientOrderId,
    venue: ctx.venue,
    mode: ctx.mode,
    symbol,
    side,
    type: orderType(o, trigger, ctx.request),
    amount,
    filled,
    status: orderStatus(o, filled),
    createdAt,
    updatedAt: timestamp(o.lastUpdateTimestamp) ?? timestamp(o.lastTradeTimestamp) ?? createdAt,
  };
  const exchangeOrderId = text(o.id);
  if (exchangeOrderId !== undefined) order.exchangeOrderId = exchangeOrderId;
  const price = positive(o.price) ?? (order.type === 'market' ? undefined : ctx.request?.price);
  if (price !== undefined) order.price = price;
  if (order.type === 'stop-limit' && trigger !== undefined) order.stopPrice = trigger;
  const average = positive(o.average);
  if (average !== undefined && filled > 0) order.averagePrice = average;
  return order;
}

/** Trades without an id, a known side or a positive price and amount are dropped: they cannot be booked. */
export function normalizeTrades(trades: readonly Partial<CcxtTrade>[], venue: VenueId, mode: TradingMode): Trade[] {
  const out: Trade[] = [];
  for (const t of trades) {
    const id = text(t.id);
    const price = positive(t.price);
    const amount = positive(t.amount);
    const ts = timestamp(t.timestamp);
    if (!id || !isSymbol(t.symbol) || (t.side !== 'buy' && t.side !== 'sell') || !price || !amount || ts === undefined) continue;
    const trade: Trade = { id, venue, mode, symbol: t.symbol, side: t.side, price, amount, timestamp: ts };
    const fee = nonNegative(t.fee?.cost);
    if (fee !== undefined) trade.fee = fee;
    const feeAsset = text(t.fee?.currency);
    if (feeAsset !== undefined) trade.feeAsset = feeAsset;
    out.push(trade);
  }
  return out.sort((a, b) => a.timestamp - b.timestamp);
}

/** Trades of the public tape; one without a positive price and amount or a time is dropped. Order kept (oldest first). */
export function normalizePublicTrades(trades: readonly Partial<CcxtTrade>[]): PublicTrade[] {
  const out: PublicTrade[] = [];
  for (const t of trades) {
    const price = positive(t.price);
    const amount = positive(t.amount);
    const ts = timestamp(t.timestamp);
    if (price === undefined || amount === undefined || ts === undefined) continue;
    const trade: PublicTrade = { price, amount, timestamp: ts };
    const id = text(t.id);
    if (id !== undefined) trade.id = id;
    if (t.side === 'buy' || t.side === 'sell') trade.side = t.side;
    out.push(trade);
  }
  return out;
}
