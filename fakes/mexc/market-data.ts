// Fake MEXC's public data in the spot v3 wire format (GET /api/v3/exchangeInfo, /ticker/24hr, /klines). MEXC's
// v3 follows Binance's shapes with its own differences, which are the point of this file: `status` "1" for online,
// precisions as integers, the minimum quantity in `baseSizePrecision` and the minimum order value in
// `quoteAmountPrecision`, priceChangePercent as a fraction, 8-column klines and `60m` instead of `1h`.
import { decimalsOf, fmt, klines as v3Klines, type FakeSymbol } from '../venue-kit/market';
import { ticker24hr } from '../venue-kit/v3-wire';

export const MEXC_SYMBOLS: FakeSymbol[] = [
  { symbol: 'BTCUSDT', base: 'BTC', quote: 'USDT', tickSize: '0.01', stepSize: '0.000001', minQty: '0.00001', minNotional: '1', price: 60_000 },
  { symbol: 'ETHUSDT', base: 'ETH', quote: 'USDT', tickSize: '0.01', stepSize: '0.00001', minQty: '0.0001', minNotional: '1', price: 3_000 },
];

/** MEXC spot kline intervals (docs, "ENUM: Kline Interval") in ms. */
const INTERVAL_MS: Record<string, number> = {
  '1m': 60_000, '5m': 300_000, '15m': 900_000, '30m': 1_800_000, '60m': 3_600_000, '4h': 14_400_000, '1d': 86_400_000, '1W': 604_800_000,
};

export function mexcIntervalMs(interval: string): number | undefined {
  return INTERVAL_MS[interval];
}

export function mexcSymbolJson(s: FakeSymbol) {
  return {
    symbol: s.symbol,
    status: '1',
    baseAsset: s.base,
    baseAssetPrecision: decimalsOf(s.stepSize),
    quoteAsset: s.quote,
    quotePrecision: decimalsOf(s.tickSize),
    quoteAssetPrecision: decimalsOf(s.tickSize),
    baseCommissionPrecision: decimalsOf(s.stepSize),
    quoteCommissionPrecision: decimalsOf(s.tickSize),
    orderTypes: ['LIMIT', 'MARKET', 'LIMIT_MAKER'],
    isSpotTradingAllowed: true,
    isMarginTradingAllowed: false,
    quoteAmountPrecision: s.minNotional,
    baseSizePrecision: s.minQty,
    permissions: ['SPOT'],
    filters: [],
    maxQuoteAmount: '2000000',
    makerCommission: '0',
    takerCommission: '0.0005',
    quoteAmountPrecisionMarket: s.minNotional,
    maxQuoteAmountMarket: '100000',
    fullName: s.base,
    tradeSideType: 1,
  };
}

export function mexcExchangeInfo(symbols: FakeSymbol[], now: number) {
  return { timezone: 'CST', serverTime: now, rateLimits: [], exchangeFilters: [], symbols: symbols.map(mexcSymbolJson) };
}

/** Binance's 24 h ticker with MEXC's differences: the change as a fraction ("0.02" is +2 %), no trade ids. */
export function mexcTicker24hr(s: FakeSymbol, last: number, now: number) {
  const { weightedAvgPrice: _w, lastQty: _q, firstId: _f, lastId: _l, ...common } = ticker24hr(s, last, now);
  return { ...common, priceChangePercent: fmt((last - s.price) / s.price, 6), count: null };
}

/** Binance's paging rules (MEXC copies them) cut to MEXC's 8 columns: open time, OHLC, volume, close time, quote volume. */
export function mexcKlines(s: FakeSymbol, ms: number, now: number, query: { startTime?: number; endTime?: number; limit: number }) {
  return v3Klines(s, ms, now, { ...query, limit: Math.min(query.limit, 1000) }).map((row) => row.slice(0, 8));
}
