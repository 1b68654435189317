// MT5 names instruments freely (EURUSD, XAUUSD, US500, EURUSD.m); the app's symbols are BASE/QUOTE. A currency pair
// whose name starts with its base currency becomes BASE/PROFIT (EURUSD → EUR/USD); anything else keeps its name
// (letters and digits only) over its profit currency (US500 → US500/USD).
import type { Market, Symbol } from '../../../src-shared';
import type { Mt5Symbol } from './protocol';

const clean = (text: string) => text.toUpperCase().replace(/[^A-Z0-9]/g, '').slice(0, 20);

export function unifiedSymbol(symbol: Mt5Symbol): Symbol {
  const base = clean(symbol.currencyBase);
  const quote = clean(symbol.currencyProfit) || 'USD';
  const name = clean(symbol.name);
  if (base && base !== quote && name.startsWith(base)) return `${base}/${quote}`;
  return `${name || 'MT5'}/${quote}`;
}

/**
 * The app's symbol for each terminal symbol, one each: brokers list the same pair under several names (EURUSD and
 * EURUSD.m for two account types), and the second to claim EUR/USD keeps its own name instead (EURUSDM/USD).
 */
export function uniqueSymbols(symbols: readonly Mt5Symbol[]): Map<Symbol, Mt5Symbol> {
  const unique = new Map<Symbol, Mt5Symbol>();
  for (const symbol of symbols) {
    const natural = unifiedSymbol(symbol);
    const unified = unique.has(natural) ? `${clean(symbol.name) || 'MT5'}/${clean(symbol.currencyProfit) || 'USD'}` : natural;
    if (!unique.has(unified)) unique.set(unified, symbol);
  }
  return unique;
}

/** The decimals a volume step allows (0.01 → 2, 0.1 → 1, 1 → 0). */
export function stepDecimals(step: number): number {
  if (!(step > 0)) return 0;
  return Math.max(0, Math.min(18, Math.round(-Math.log10(step) + 0.4999)));
}

/**
 * `accountCurrency` values the lots: tick value ÷ tick size is what one lot gains per unit of price, in the account
 * currency (the broker folds the profit currency's conversion into the tick value).
 */
export function toMarket(symbol: Mt5Symbol, accountCurrency?: string, unified: Symbol = unifiedSymbol(symbol)): Market {
  const [base, quote] = unified.split('/') as [string, string];
  const perUnitPrice = symbol.tickSize > 0 ? symbol.tickValue / symbol.tickSize : 0;
  const valuation = accountCurrency && perUnitPrice > 0 && Number.isFinite(perUnitPrice) ? { valuation: { perUnitPrice, currency: accountCurrency } } : {};
  return {
    venue: 'mt5',
    symbol: unified,
    base,
    quote,
    pricePrecision: Math.max(0, Math.min(18, symbol.digits)),
    amountPrecision: stepDecimals(symbol.volumeStep),
    minAmount: symbol.volumeMin,
    active: symbol.tradeMode !== 'disabled',
    ...valuation,
  };
}
