// The limit checks themselves, pure: given an order and the figures of one scope (an account, or everything of the
// order's mode for the global limits), which limit it would breach and which figures come near theirs. An order that
// only shrinks a position is never refused by a limit: closing out is how a trader gets back inside them.
import { RISK_LIMIT_LABELS, type PlaceOrder, type RiskLimitName, type RiskLimits, type RiskScope } from '../../src-shared';
import { money, quantity, scopeWords } from './words';

export interface OrderFigures {
  order: PlaceOrder;
  base: string;
  quote: string;
  /** The price the order would trade at (its limit, or the last price for a market order); undefined if unknown. */
  price: number | undefined;
  /** Whether the order only shrinks the position in its symbol (opposite side, not larger than the position). */
  reducing: boolean;
}

export interface ScopeFigures {
  scope: RiskScope;
  limits: RiskLimits;
  /** Orders open now in the scope. */
  openOrders: number;
  /** Position in the order's symbol in base units, signed, before the order. */
  position: number;
  /** What open orders on the order's side would add to the position, in base units (positive). */
  pendingSameSide: number;
  realizedToday: number;
  unrealizedToday: number;
  /** "00:00 UTC", for the daily loss message. */
  resetWords: string;
}

export interface Breach {
  limit: RiskLimitName;
  scope: RiskScope;
  value: number;
  threshold: number;
  message: string;
}

export interface LimitVerdict {
  refusal: Breach | undefined;
  /** Figures at or above the warning share of their limit (the order may still pass). */
  warnings: Breach[];
}

const label = (limit: RiskLimitName): string => RISK_LIMIT_LABELS[limit].toLowerCase();

function refusedBy(scope: RiskScope, limit: RiskLimitName): string {
  return `Refused by ${scopeWords(scope)} ${label(limit)}`;
}

/** Checks one scope; the first breach refuses, the order of checks is the order a trader would fix them in. */
export function checkScope(figures: OrderFigures, scope: ScopeFigures, warnAtPct: number): LimitVerdict {
  const { order, base, quote, price, reducing } = figures;
  const { limits } = scope;
  const warnings: Breach[] = [];
  const near = (value: number, threshold: number) => value >= (threshold * warnAtPct) / 100;
  const breach = (limit: RiskLimitName, value: number, threshold: number, message: string): Breach => ({ limit, scope: scope.scope, value, threshold, message });

  const allowed = limits.allowedSymbols ?? [];
  if (allowed.length > 0 && !allowed.includes(order.symbol) && !reducing) {
    const message = `${refusedBy(scope.scope, 'allowedSymbols')}: ${order.symbol} is not in the list (${allowed.join(', ')}). Add it in Risk settings, or trade a listed symbol.`;
    return { refusal: breach('allowedSymbols', 0, allowed.length, message), warnings };
  }

  if (limits.maxOrderNotional !== undefined && !reducing) {
    const max = limits.maxOrderNotional;
    if (price === undefined) {
      const message = `${refusedBy(scope.scope, 'maxOrderNotional')}: the last price of ${order.symbol} is not known yet, so the order's value cannot be checked against ${money(max, quote)}. Try again in a moment or use a limit order.`;
      return { refusal: breach('maxOrderNotional', 0, max, message), warnings };
    }
    const notional = order.amount * price;
    if (notional > max) {
      const message = `${refusedBy(scope.scope, 'maxOrderNotional')}: this order is worth ${money(notional, quote)} (${quantity(order.amount, base)} at ${money(price, quote)}); the limit is ${money(max, quote)}.`;
      return { refusal: breach('maxOrderNotional', notional, max, message), warnings };
    }
    if (near(notional, max)) warnings.push(breach('maxOrderNotional', notional, max, `An order worth ${money(notional, quote)} is near ${scopeWords(scope.scope)} ${label('maxOrderNotional')} of ${money(max, quote)}.`));
  }

  if (limits.maxPositionNotional !== undefined && !reducing) {
    const max = limits.maxPositionNotional;
    if (price === undefined) {
      const message = `${refusedBy(scope.scope, 'maxPositionNotional')}: the last price of ${order.symbol} is not known yet, so the position's value cannot be checked against ${money(max, quote)}. Try again in a moment or use a limit order.`;
      return { refusal: breach('maxPositionNotional', 0, max, message), warnings };
    }
    const signed = order.side === 'buy' ? 1 : -1;
    const after = scope.position + signed * (scope.pendingSameSide + order.amount);
    const value = Math.abs(after) * price;
    if (value > max) {
      const pending = scope.pendingSameSide > 0 ? ` counting ${quantity(scope.pendingSameSide, base)} in open ${order.side} orders` : '';
      const message = `${refusedBy(scope.scope, 'maxPositionNotional')}: the ${order.symbol} position would reach ${quantity(after, base)}${pending}, worth ${money(value, quote)} at ${money(price, quote)}; the limit is ${money(max, quote)}.`;
      return { refusal: breach('maxPositionNotional', value, max, message), warnings };
    }
    if (near(value, max)) warnings.push(breach('maxPositionNotional', value, max, `The ${order.symbol} position would be worth ${money(value, quote)}, near ${scopeWords(scope.scope)} ${label('maxPositionNotional')} of ${money(max, quote)}.`));
  }

  if (limits.maxOpenOrders !== undefined && !reducing) {
    const max = limits.maxOpenOrders;
    const after = scope.openOrders + 1;
    if (after > max) {
      const message = `${refusedBy(scope.scope, 'maxOpenOrders')}: ${scope.openOrders} orders are open already; the limit is ${max}. Cancel one first.`;
      return { refusal: breach('maxOpenOrders', after, max, message), warnings };
    }
    if (near(after, max)) warnings.push(breach('maxOpenOrders', after, max, `${after} open orders of ${scopeWords(scope.scope)} limit of ${max}.`));
  }

  if (limits.maxDailyLoss !== undefined) {
    const max = limits.maxDailyLoss;
    const pnl = scope.realizedToday + scope.unrealizedToday;
    const loss = Math.max(0, -pnl);
    if (loss >= max && !reducing) {
      const message =
        `${refusedBy(scope.scope, 'maxDailyLoss')}: the loss since the reset at ${scope.resetWords} is ${money(loss, quote)} ` +
        `(realized ${money(scope.realizedToday, quote)}, unrealized ${money(scope.unrealizedToday, quote)}); the limit is ${money(max, quote)}. ` +
        'Only orders that reduce a position are accepted until the reset.';
      return { refusal: breach('maxDailyLoss', loss, max, message), warnings };
    }
    if (near(loss, max) && loss > 0) warnings.push(breach('maxDailyLoss', loss, max, `Today's loss is ${money(loss, quote)}, near ${scopeWords(scope.scope)} ${label('maxDailyLoss')} of ${money(max, quote)}.`));
  }
  return { refusal: undefined, warnings };
}
