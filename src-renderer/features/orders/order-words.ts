// Orders in the words and number formats a trader reads: status names, "Buy 0.01000 BTC limit at 59,000.00", the
// decimals of each market, local times with UTC on hover.
import type { Market, Order, OrderSide, OrderStatus, OrderType, Symbol, TradingMode } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { formatWith } from '../../format/time';

export const STATUS_WORDS: Record<OrderStatus, string> = {
  pending: 'Sending',
  open: 'Open',
  'partially-filled': 'Partly filled',
  filled: 'Filled',
  cancelled: 'Cancelled',
  rejected: 'Rejected',
  unknown: 'Unknown',
};

export const TYPE_WORDS: Record<OrderType, string> = { market: 'Market', limit: 'Limit', 'stop-limit': 'Stop-limit' };
export const SIDE_WORDS: Record<OrderSide, string> = { buy: 'Buy', sell: 'Sell' };
export const MODE_WORDS: Record<TradingMode, string> = { live: 'LIVE', paper: 'PAPER', demo: 'DEMO' };

export interface Decimals {
  price: number;
  amount: number;
}

/** When the market is not in the list (an order of a delisted symbol): enough decimals to lose nothing that matters. */
const FALLBACK: Decimals = { price: 8, amount: 8 };

export function decimalsOf(markets: readonly Market[], symbol: Symbol): Decimals {
  const market = markets.find((m) => m.symbol === symbol);
  return market ? { price: market.pricePrecision, amount: market.amountPrecision } : FALLBACK;
}

/**
 * Decimals for a balance of an asset: a base asset's amount step, or a quote asset's price decimals. Unknown assets
 * get 8, the smallest unit most venues keep.
 */
export function assetDecimals(markets: readonly Market[], asset: string): number {
  const asBase = markets.find((m) => m.base === asset);
  if (asBase) return asBase.amountPrecision;
  const asQuote = markets.find((m) => m.quote === asset);
  return asQuote ? asQuote.pricePrecision : 8;
}

/**
 * Decimals for a fee: a fee is a small fraction of an amount, so the asset's own decimals would show 0.00000 BTC
 * for a real fee of 0.000002 BTC. Three more, at most 8.
 */
export function feeDecimals(markets: readonly Market[], asset: string | undefined): number {
  return asset === undefined ? 8 : Math.min(8, assetDecimals(markets, asset) + 3);
}

const baseOf = (symbol: Symbol): string => symbol.split('/')[0] ?? symbol;

/** "Buy 0.01000 BTC limit at 59,000.00" (or "… stop-limit at 59,000.00, stop 59,500.00", or "… at market"). */
export function describeOrder(order: Order, decimals: Decimals): string {
  const head = `${SIDE_WORDS[order.side]} ${formatPrice(order.amount, decimals.amount)} ${baseOf(order.symbol)}`;
  if (order.type === 'market') return `${head} at market`;
  const price = `${TYPE_WORDS[order.type].toLowerCase()} at ${formatPrice(order.price, decimals.price)}`;
  const stop = order.type === 'stop-limit' ? `, stop ${formatPrice(order.stopPrice, decimals.price)}` : '';
  return `${head} ${price}${stop}`;
}

/** What the ticket says once main has answered, updated as the order's events arrive. */
export function describeOutcome(order: Order, decimals: Decimals): string {
  const what = describeOrder(order, decimals);
  const average = order.averagePrice === undefined ? '' : ` at an average of ${formatPrice(order.averagePrice, decimals.price)}`;
  switch (order.status) {
    case 'pending':
      return `Sending ${what}…`;
    case 'open':
      return `Placed: ${what}. It is open.`;
    case 'partially-filled':
      return `Partly filled: ${formatPrice(order.filled, decimals.amount)} of ${what}${average}.`;
    case 'filled':
      return `Filled: ${what}${average}.`;
    case 'cancelled':
      return `Cancelled: ${what}.`;
    case 'rejected':
      return `Rejected: ${what}. ${order.reason ?? 'The venue refused the order.'}`;
    case 'unknown':
      return `Checking with the venue… ${what}: no answer yet${order.reason ? ` (${order.reason})` : ''}. Do not place it again: it stays in Open orders with "Check again" until the venue says.`;
  }
}

/** The time for the cell in the chosen zone; the UTC time goes in its title. */
export function formatTime(ms: number): { text: string; utc: string } {
  const text = formatWith(ms, { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return { text, utc: `${new Date(ms).toISOString().replace('T', ' ').slice(0, 19)} UTC` };
}
