// The checks an order must pass against its market before anything is journaled or sent. Pure, so that the order
// ticket shows the same words inline as main uses to refuse (main is the one that enforces them).
import type { Market, OrderSide, OrderType } from './domain';

export interface OrderDraft {
  side: OrderSide;
  type: OrderType;
  amount: number;
  price?: number | undefined;
  stopPrice?: number | undefined;
}

export type OrderField = 'amount' | 'price' | 'stopPrice' | 'symbol';

/** Which check an issue failed: with `params`, what a screen translates (the message is English, for logs). */
export type OrderRule =
  | 'notTrading'
  | 'amountAboveZero'
  | 'amountStep'
  | 'minAmount'
  | 'priceAboveZero'
  | 'priceStep'
  | 'stopAboveZero'
  | 'stopStep'
  | 'buyStopAbove'
  | 'sellStopBelow'
  | 'minNotional';

export interface OrderIssue {
  field: OrderField;
  message: string;
  rule: OrderRule;
  params: Record<string, string | number>;
}

/** Decimal places written in a number (1e-7 counts as 7), exact for the values a ticket produces. */
export function decimalPlaces(value: number): number {
  if (!Number.isFinite(value)) return 0;
  const [mantissa = '', exponent] = value.toString().toLowerCase().split('e');
  const fraction = mantissa.split('.')[1]?.length ?? 0;
  return Math.max(0, fraction - Number(exponent ?? 0));
}

function step(places: number): string {
  return places === 0 ? '1' : `0.${'0'.repeat(places - 1)}1`;
}

/**
 * The price the order would trade at: its limit price, or the reference (last or touch) price for a market order.
 * undefined when neither is known.
 */
export function executionPrice(draft: OrderDraft, referencePrice?: number): number | undefined {
  return draft.type === 'market' ? referencePrice : draft.price;
}

/** Quote-currency value of the order; undefined when its price is not known yet. */
export function orderNotional(draft: OrderDraft, referencePrice?: number): number | undefined {
  const price = executionPrice(draft, referencePrice);
  return price === undefined || !(draft.amount > 0) ? undefined : draft.amount * price;
}

/**
 * Every reason the market would refuse the draft, in words a trader can act on. `referencePrice` (the last price)
 * lets market orders be checked against the minimum notional and stops against the side they must trigger from.
 */
export function checkOrder(draft: OrderDraft, market: Market, referencePrice?: number): OrderIssue[] {
  const issues: OrderIssue[] = [];
  const { base, quote } = market;
  const add = (field: OrderField, rule: OrderRule, params: OrderIssue['params'], message: string) => issues.push({ field, rule, params, message });
  if (!market.active) add('symbol', 'notTrading', { symbol: market.symbol }, `${market.symbol} is not trading on this venue now`);

  if (!(draft.amount > 0) || !Number.isFinite(draft.amount)) {
    add('amount', 'amountAboveZero', {}, 'enter an amount above zero');
  } else {
    if (decimalPlaces(draft.amount) > market.amountPrecision) {
      add('amount', 'amountStep', { step: Number(step(market.amountPrecision)), asset: base }, `amount moves in steps of ${step(market.amountPrecision)} ${base}`);
    }
    if (market.minAmount !== undefined && draft.amount < market.minAmount) {
      add('amount', 'minAmount', { minimum: market.minAmount, asset: base }, `the minimum amount is ${market.minAmount} ${base}`);
    }
  }

  if (draft.type !== 'market') {
    if (draft.price === undefined || !(draft.price > 0) || !Number.isFinite(draft.price)) {
      add('price', 'priceAboveZero', { type: draft.type }, `a ${draft.type} order needs a price above zero`);
    } else if (decimalPlaces(draft.price) > market.pricePrecision) {
      add('price', 'priceStep', { step: Number(step(market.pricePrecision)), asset: quote }, `price moves in steps of ${step(market.pricePrecision)} ${quote}`);
    }
  }

  if (draft.type === 'stop-limit') {
    const stop = draft.stopPrice;
    if (stop === undefined || !(stop > 0) || !Number.isFinite(stop)) {
      add('stopPrice', 'stopAboveZero', {}, 'a stop-limit order needs a stop price above zero');
    } else if (decimalPlaces(stop) > market.pricePrecision) {
      add('stopPrice', 'stopStep', { step: Number(step(market.pricePrecision)), asset: quote }, `stop price moves in steps of ${step(market.pricePrecision)} ${quote}`);
    } else if (referencePrice !== undefined) {
      // A stop on the wrong side of the market would trigger at once: almost always a typo.
      if (draft.side === 'buy' && stop <= referencePrice) {
        add('stopPrice', 'buyStopAbove', { last: referencePrice }, `a buy stop must be above the last price ${referencePrice}`);
      }
      if (draft.side === 'sell' && stop >= referencePrice) {
        add('stopPrice', 'sellStopBelow', { last: referencePrice }, `a sell stop must be below the last price ${referencePrice}`);
      }
    }
  }

  const notional = orderNotional(draft, referencePrice);
  if (market.minNotional !== undefined && notional !== undefined && notional < market.minNotional) {
    // Rounded down to the quote's price decimals: 9.999 shown as 10.00 would look like it meets a minimum of 10.
    const cents = 10 ** market.pricePrecision;
    const shown = (Math.floor(notional * cents + 1e-9) / cents).toFixed(market.pricePrecision);
    const worth = Math.floor(notional * cents + 1e-9) / cents;
    add('amount', 'minNotional', { worth, decimals: market.pricePrecision, minimum: market.minNotional, asset: quote }, `the order is worth ${shown} ${quote}; the minimum is ${market.minNotional} ${quote}`);
  }
  return issues;
}

/** One sentence for a refusal: every issue, joined. */
export function describeOrderIssues(issues: readonly OrderIssue[]): string {
  return issues.map((issue) => issue.message).join('; ');
}
