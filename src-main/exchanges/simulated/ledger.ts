// How orders move a simulated account's money: funds held while an order rests, a fill paid for and the fee taken
// in the asset received, a cancel giving the held funds back. Pure changes to a draft of the account.
import { AppError, type Balance, type Order, type OrderSide, type Symbol, type Trade, type VenueId } from '../../../src-shared';
import { covers, credit, fundsOf, lock, tidy, unlock, type BookedOrder, type Funds, type SimulatedMode } from './account-state';

/** Where fills are recorded: the money, the new trades and the counter their ids come from. */
export interface TradeLedger extends Funds {
  trades: Trade[];
  nextTradeId: number;
}

export interface LedgerContext {
  venue: VenueId;
  mode: SimulatedMode;
  feeRate: number;
  now: number;
}

/** Base and quote of a unified symbol (BASE/QUOTE, as ccxt writes it). */
export function assetsOf(symbol: Symbol): { base: string; quote: string } {
  const [base = '', quote = ''] = symbol.split('/');
  return { base, quote };
}

/** What an order holds while it can still trade: the quote it may spend (buy) or the base it may sell. */
export function fundsToHold(side: OrderSide, symbol: Symbol, amount: number, price: number): { asset: string; amount: number } {
  const { base, quote } = assetsOf(symbol);
  return side === 'buy' ? { asset: quote, amount: tidy(price * amount) } : { asset: base, amount };
}

export function formatFigure(value: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 8 });
}

/** Holds `amount` of `asset` for an order, or refuses with the figures a trader needs to fix it. */
export function holdFunds(state: Funds, asset: string, amount: number): void {
  const funds = fundsOf(state, asset);
  if (!covers(funds.free, amount)) {
    const held = funds.used > 0 ? ` (${formatFigure(funds.used)} ${asset} is held by open orders)` : '';
    throw new AppError(
      'INSUFFICIENT_FUNDS',
      `not enough ${asset}: this order needs ${formatFigure(amount)} ${asset}, ${formatFigure(funds.free)} free${held}`,
    );
  }
  lock(state, asset, amount);
}

/** Fills the whole order at `price`: releases what it held, pays, receives less the fee, and records the trade. */
export function fillOrder(state: TradeLedger, booked: BookedOrder, price: number, ctx: LedgerContext): Trade {
  const order = booked.order;
  const { base, quote } = assetsOf(order.symbol);
  unlock(state, booked.lockedAsset, booked.locked);
  booked.locked = 0;
  const value = tidy(price * order.amount);
  let fee: number;
  let feeAsset: string;
  if (order.side === 'buy') {
    credit(state, quote, -value);
    fee = tidy(order.amount * ctx.feeRate);
    feeAsset = base;
    credit(state, base, order.amount - fee);
  } else {
    credit(state, base, -order.amount);
    fee = tidy(value * ctx.feeRate);
    feeAsset = quote;
    credit(state, quote, value - fee);
  }
  order.filled = order.amount;
  order.averagePrice = price;
  order.status = 'filled';
  order.updatedAt = ctx.now;
  const trade: Trade = {
    id: String(state.nextTradeId++),
    venue: ctx.venue,
    mode: ctx.mode,
    symbol: order.symbol,
    side: order.side,
    price,
    amount: order.amount,
    fee,
    feeAsset,
    clientOrderId: order.clientOrderId,
    timestamp: ctx.now,
  };
  state.trades.push(trade);
  return trade;
}

export function cancelBooked(state: Funds, booked: BookedOrder, now: number): void {
  unlock(state, booked.lockedAsset, booked.locked);
  booked.locked = 0;
  booked.order.status = 'cancelled';
  booked.order.updatedAt = now;
}

/** Every asset with something in it, alphabetically. */
export function balancesOf(state: Funds, venue: VenueId): Balance[] {
  return Object.entries(state.balances)
    .map(([asset, { free, used }]) => ({ venue, asset, free, used, total: tidy(free + used) }))
    .filter((balance) => balance.total > 0)
    .sort((a, b) => a.asset.localeCompare(b.asset));
}

export function copyOrder(order: Order): Order {
  return { ...order };
}
