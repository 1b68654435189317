// Data APIs quote crypto against fiat, exchanges against stablecoins. BTC/USDT is looked up as BTC in USD: a
// stablecoin trades within a fraction of a percent of its dollar, and the comparison panel names each source's own
// pair (BTC-USD, X:BTCUSD) so the trader sees which one was compared.
import type { Symbol } from '../../src-shared';

const USD_STABLECOINS = new Set(['USDT', 'USDC', 'BUSD', 'FDUSD', 'TUSD', 'DAI', 'USDP']);

export interface FiatPair {
  base: string;
  /** USD for a dollar stablecoin, else the symbol's own quote currency. */
  quote: string;
}

export function fiatPair(symbol: Symbol): FiatPair {
  const [base = '', quote = ''] = symbol.split('/');
  return { base, quote: USD_STABLECOINS.has(quote) ? 'USD' : quote };
}
