// Orders in the words and number formats a trader reads: status names, "Buy 0.01000 BTC limit at 59,000.00", the
// decimals of each market, local times with UTC on hover.
import type { Market, Order, OrderSide, OrderStatus, OrderType, Symbol, TradingMode } from '../../../src-shared';
import { formatPrice } from '../../format/numbers';
import { formatWith } from '../../format/time';
import { t } from '../../i18n';

/** The words are read when called, in the language on screen now. */
export const statusWord = (status: OrderStatus): string => t(`orders:status.${status}`);
export const typeWord = (type: OrderType): string => t(`orders:type.${type}`);
export const sideWord = (side: OrderSide): string => t(`orders:side.${side}`);
export const modeWord = (mode: TradingMode): string => t(`orders:mode.${mode}`);

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
  const head = t('orders:describe.head', { side: sideWord(order.side), amount: formatPrice(order.amount, decimals.amount), base: baseOf(order.symbol) });
  if (order.type === 'market') return t('orders:describe.atMarket', { head });
  const values = { head, type: t(`orders:typeLower.${order.type}`), price: formatPrice(order.price, decimals.price) };
  return order.type === 'stop-limit'
    ? t('orders:describe.atPriceWithStop', { ...values, stop: formatPrice(order.stopPrice, decimals.price) })
    : t('orders:describe.atPrice', values);
}

/** What the ticket says once main has answered, updated as the order's events arrive. */
export function describeOutcome(order: Order, decimals: Decimals): string {
  const what = describeOrder(order, decimals);
  const average = order.averagePrice === undefined ? '' : t('orders:outcome.average', { price: formatPrice(order.averagePrice, decimals.price) });
  switch (order.status) {
    case 'pending':
      return t('orders:outcome.pending', { what });
    case 'open':
      return t('orders:outcome.open', { what });
    case 'partially-filled':
      return t('orders:outcome.partiallyFilled', { filled: formatPrice(order.filled, decimals.amount), what, average });
    case 'filled':
      return t('orders:outcome.filled', { what, average });
    case 'cancelled':
      return t('orders:outcome.cancelled', { what });
    case 'rejected':
      return t('orders:outcome.rejected', { what, reason: order.reason ?? t('orders:outcome.rejectedReason') });
    case 'unknown':
      return t('orders:outcome.unknown', { what, reason: order.reason ? t('orders:outcome.unknownReason', { reason: order.reason }) : '' });
  }
}

/** The time for the cell in the chosen zone; the UTC time goes in its title. */
export function formatTime(ms: number): { text: string; utc: string } {
  const text = formatWith(ms, { month: 'short', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
  return { text, utc: t('orders:utc', { time: new Date(ms).toISOString().replace('T', ' ').slice(0, 19) }) };
}
