// Holdings valued in the reporting currency. An asset without a rate is listed as "no price" (its value undefined),
// never as 0, and the totals say how much is unpriced, so a total never silently leaves money out.
import type { Holding } from './holdings';
import type { Rate } from './rates';
import { tidy } from './holdings';

export interface ValuedHolding extends Holding {
  /** In the reporting currency; undefined: no price. */
  value: number | undefined;
  rate: Rate | undefined;
}

export interface Valuation {
  currency: string;
  /** Sum of what could be priced. */
  total: number;
  holdings: ValuedHolding[];
  /** Holdings with no price: not in `total`. */
  unpriced: Holding[];
}

export type RateOf = (from: string, to: string) => Rate | undefined;

export function valueHoldings(holdings: readonly Holding[], currency: string, rateOf: RateOf): Valuation {
  let total = 0;
  const valued: ValuedHolding[] = [];
  const unpriced: Holding[] = [];
  for (const holding of holdings) {
    const rate = rateOf(holding.asset, currency);
    const value = rate === undefined ? undefined : holding.amount * rate.value;
    if (value === undefined) unpriced.push(holding);
    else total += value;
    valued.push({ ...holding, value: value === undefined ? undefined : tidy(value), rate });
  }
  return { currency, total: tidy(total), holdings: valued, unpriced };
}
