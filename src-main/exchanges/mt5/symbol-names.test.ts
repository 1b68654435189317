import { describe, expect, it } from 'vitest';
import { SIM_SYMBOLS } from '../../../fakes/mt5-terminal';
import { stepDecimals, toMarket, unifiedSymbol, uniqueSymbols } from './symbol-names';

const eurusd = { ...SIM_SYMBOLS[0]!, tickSize: 0.00001, tickValue: 1, point: 0.00001 };

describe('MT5 symbol names', () => {
  it('names a currency pair BASE/PROFIT and anything else by its own name over its profit currency', () => {
    expect(unifiedSymbol(eurusd)).toBe('EUR/USD');
    expect(unifiedSymbol({ ...eurusd, name: 'EURUSD.m' })).toBe('EUR/USD');
    expect(unifiedSymbol({ ...eurusd, name: 'US500', currencyBase: 'USD' })).toBe('US500/USD');
  });

  it('gives a second listing of the same pair its own symbol instead of hiding one of them', () => {
    const unique = uniqueSymbols([eurusd, { ...eurusd, name: 'EURUSD.m' }, { ...eurusd, name: 'EURUSD#' }, { ...eurusd, name: 'EURUSD.M' }]);
    // EURUSD.M cleans to the same name as EURUSD.m: the first listing keeps it, the later one is left out.
    expect([...unique].map(([symbol, s]) => [symbol, s.name])).toEqual([
      ['EUR/USD', 'EURUSD'],
      ['EURUSDM/USD', 'EURUSD.m'],
      ['EURUSD/USD', 'EURUSD#'],
    ]);
  });

  it('values a lot in the account currency from tick value and tick size', () => {
    expect(toMarket(eurusd, 'USD').valuation?.currency).toBe('USD');
    expect(toMarket(eurusd, 'USD').valuation?.perUnitPrice).toBeCloseTo(100_000, 6);
    expect(toMarket(eurusd).valuation).toBeUndefined();
    expect(toMarket({ ...eurusd, tickSize: 0 }, 'USD').valuation).toBeUndefined();
    expect(stepDecimals(0.01)).toBe(2);
  });
});
