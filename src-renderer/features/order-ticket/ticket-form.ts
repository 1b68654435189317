// The order ticket's arithmetic: what the typed text means, what is wrong with it (the same checks main applies,
// from src-shared/order-rules, plus the balance it would spend), and the cost preview. Pure, so it is tested
// without a browser and the form only renders its answers.
import {
  checkOrder,
  orderNotional,
  type Balance,
  type Market,
  type OrderDraft,
  type OrderField,
  type OrderSide,
  type OrderType,
  type PlaceOrder,
  type TradingMode,
  type VenueId,
} from '../../../src-shared';
import { orderRuleText } from '../../format/error-message';
import { readNumber } from '../../format/number-hint';
import { t } from '../../i18n';
import { formatPrice } from '../../format/numbers';
import { inputText } from '../../format/parse-number';
import { freeOf } from '../orders/order-lists';

/**
 * Fee assumed for the preview: 0.1 % is the usual taker fee of the venues the app trades. The venue charges its own;
 * the preview says it is an estimate.
 */
export const FEE_ESTIMATE_RATE = 0.001;

export interface TicketFields {
  side: OrderSide;
  type: OrderType;
  amount: string;
  price: string;
  stopPrice: string;
}

export type ParsedNumber = ReturnType<typeof readNumber>;

/** What is wrong with one field, in the language on screen. */
export interface TicketIssue {
  field: OrderField;
  message: string;
}

export interface TicketCheck {
  /** The order as typed, when every number could be read. */
  draft: OrderDraft | undefined;
  issues: TicketIssue[];
  /** Whether the order may be sent: all fields entered and nothing wrong. */
  valid: boolean;
}

/** The asset an order spends: the quote to buy, the base to sell. */
export function spentAsset(side: OrderSide, market: Pick<Market, 'base' | 'quote'>): string {
  return side === 'buy' ? market.quote : market.base;
}

/** What the order needs of the spent asset; undefined when its price is not known yet. */
export function amountSpent(draft: OrderDraft, lastPrice: number | undefined): number | undefined {
  return draft.side === 'sell' ? draft.amount : orderNotional(draft, lastPrice);
}

/**
 * Everything wrong with the ticket as typed. `balances` (when loaded) adds "not enough" for the spent asset; main
 * refuses such an order too, but the trader should learn it before pressing the button.
 */
export function checkTicket(fields: TicketFields, market: Market, lastPrice: number | undefined, balances?: readonly Balance[]): TicketCheck {
  const amount = readNumber(fields.amount);
  const price = fields.type === 'market' ? { value: undefined } : readNumber(fields.price);
  const stopPrice = fields.type === 'stop-limit' ? readNumber(fields.stopPrice) : { value: undefined };
  const unreadable: TicketIssue[] = [];
  const read: [OrderField, ParsedNumber][] = [
    ['amount', amount],
    ['price', price],
    ['stopPrice', stopPrice],
  ];
  for (const [field, parsed] of read) if (parsed.error) unreadable.push({ field, message: parsed.error });

  const draft: OrderDraft = {
    side: fields.side,
    type: fields.type,
    amount: amount.value ?? 0,
    price: price.value,
    stopPrice: stopPrice.value,
  };
  // A field that could not be read already says so; the market's rules would only add noise about it.
  const unreadableFields = new Set(unreadable.map((issue) => issue.field));
  const rules = checkOrder(draft, market, lastPrice).filter((issue) => !unreadableFields.has(issue.field));
  const issues: TicketIssue[] = [...unreadable, ...rules.map((issue) => ({ field: issue.field, message: orderRuleText(issue.rule, issue.params) }))];

  if (balances && issues.length === 0) {
    const needed = amountSpent(draft, lastPrice);
    const asset = spentAsset(fields.side, market);
    const free = freeOf(balances, asset);
    const decimals = fields.side === 'buy' ? market.pricePrecision : market.amountPrecision;
    // Compared at the asset's shown precision: float noise must not refuse an order for exactly the free amount.
    if (needed !== undefined && needed - free > 10 ** -(decimals + 2)) {
      issues.push({
        field: 'amount',
        message: t('errors:order.notEnough', { asset, needed: formatPrice(needed, decimals), free: formatPrice(free, decimals) }),
      });
    }
  }
  const valid = unreadable.length === 0 && amount.value !== undefined && issues.length === 0;
  return { draft: unreadable.length === 0 ? draft : undefined, issues, valid };
}

export interface CostPreview {
  /** Quote value of the order. */
  notional: number | undefined;
  /** Estimated fee, in the quote. */
  fee: number | undefined;
}

export function costPreview(draft: OrderDraft | undefined, lastPrice: number | undefined, feeRate = FEE_ESTIMATE_RATE): CostPreview {
  const notional = draft ? orderNotional(draft, lastPrice) : undefined;
  return { notional, fee: notional === undefined ? undefined : notional * feeRate };
}

/** A price as the ticket's field holds it: the market's decimals, the language's decimal mark, no thousands marks. */
export function priceText(price: number | undefined, pricePrecision: number): string {
  return price === undefined || !(price > 0) ? '' : inputText(price, pricePrecision);
}

/**
 * The amount that spends `share` (0–1) of the free balance, rounded down to the market's amount step so that it
 * never asks for more than is there. Buying leaves room for the estimated fee.
 */
export function amountForShare(
  share: number,
  side: OrderSide,
  market: Pick<Market, 'amountPrecision'>,
  free: number,
  price: number | undefined,
  feeRate = FEE_ESTIMATE_RATE,
): string {
  const base = side === 'sell' ? free * share : price && price > 0 ? (free * share) / (price * (1 + feeRate)) : undefined;
  if (base === undefined || !(base > 0)) return '';
  const steps = 10 ** market.amountPrecision;
  // The small epsilon keeps 0.3 / 0.1 (= 2.9999999999999996) from rounding down a whole step.
  const rounded = Math.floor(base * steps + 1e-9) / steps;
  return rounded > 0 ? inputText(rounded, market.amountPrecision) : '';
}

/** The issues of one field, for the message under it. */
export function issuesOf(issues: readonly TicketIssue[], field: OrderField): string[] {
  return issues.filter((issue) => issue.field === field).map((issue) => issue.message);
}

/** The request for main, from a valid draft: prices only where the order type has them. */
export function toPlaceOrder(view: { venue: VenueId; mode: TradingMode }, market: Pick<Market, 'symbol'>, draft: OrderDraft): PlaceOrder {
  const order: PlaceOrder = { venue: view.venue, mode: view.mode, symbol: market.symbol, side: draft.side, type: draft.type, amount: draft.amount };
  if (draft.type !== 'market') order.price = draft.price;
  if (draft.type === 'stop-limit') order.stopPrice = draft.stopPrice;
  return order;
}
