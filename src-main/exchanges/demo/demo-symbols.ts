// The demo venue's markets. Prices and volatility are of the right order for each asset so the chart looks familiar.
import type { Market } from '../../../src-shared';

export interface DemoSymbolSpec {
  market: Omit<Market, 'venue' | 'active'>;
  startPrice: number;
  /** Standard deviation of the log return over one minute. */
  minuteVolatility: number;
  /** Typical volume traded in one minute, in the base asset. */
  minuteVolume: number;
}

export const DEMO_SYMBOLS: readonly DemoSymbolSpec[] = [
  {
    market: { symbol: 'BTC/USDT', base: 'BTC', quote: 'USDT', pricePrecision: 2, amountPrecision: 5, minAmount: 0.00001, minNotional: 5 },
    startPrice: 64_000,
    minuteVolatility: 0.0009,
    minuteVolume: 12,
  },
  {
    market: { symbol: 'ETH/USDT', base: 'ETH', quote: 'USDT', pricePrecision: 2, amountPrecision: 4, minAmount: 0.0001, minNotional: 5 },
    startPrice: 3_100,
    minuteVolatility: 0.0011,
    minuteVolume: 150,
  },
  {
    market: { symbol: 'SOL/USDT', base: 'SOL', quote: 'USDT', pricePrecision: 3, amountPrecision: 2, minAmount: 0.01, minNotional: 5 },
    startPrice: 145,
    minuteVolatility: 0.0014,
    minuteVolume: 2_400,
  },
];
