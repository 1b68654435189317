// Holdings of one live Binance account from a plain { asset: amount } object, for tests.
import type { Holding } from '../holdings';

export function holdingsValue(amounts: Record<string, number>): Holding[] {
  return Object.entries(amounts).map(([asset, amount]) => ({ venue: 'binance', mode: 'live', asset, amount }));
}
