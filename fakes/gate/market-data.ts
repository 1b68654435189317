// Fake Gate's public data in Gate API v4's spot wire format: GET /spot/currency_pairs, /spot/currencies,
// /spot/tickers, /spot/candlesticks. Prices come from the shared matching engine's last price; candle values from
// the deterministic walk every fake uses (../venue-kit/market.ts), reshaped to Gate's column order.
import { decimalsOf, fmt, kline, type FakeSymbol } from '../venue-kit/market';

/** Gate pair ids are BASE_QUOTE; precisions are decimal places, minimums plain decimals (as Gate sends them). */
export const GATE_PAIRS: FakeSymbol[] = [
  { symbol: 'BTC_USDT', base: 'BTC', quote: 'USDT', tickSize: '0.1', stepSize: '0.000001', minQty: '0.00001', minNotional: '3', price: 60_000 },
  { symbol: 'ETH_USDT', base: 'ETH', quote: 'USDT', tickSize: '0.01', stepSize: '0.0001', minQty: '0.001', minNotional: '3', price: 3_000 },
];

/** Gate's spot candle intervals (docs, "Market candlesticks"): seconds per bar. */
const INTERVAL_S: Record<string, number> = {
  '10s': 10, '1m': 60, '5m': 300, '15m': 900, '30m': 1800, '1h': 3600, '4h': 14_400, '8h': 28_800, '1d': 86_400, '7d': 604_800,
};

export function intervalSeconds(interval: string): number | undefined {
  return INTERVAL_S[interval];
}

export function currencyPairJson(p: FakeSymbol) {
  return {
    id: p.symbol,
    base: p.base,
    base_name: p.base,
    quote: p.quote,
    quote_name: p.quote,
    fee: '0.2',
    min_base_amount: p.minQty,
    min_quote_amount: p.minNotional,
    max_quote_amount: '5000000',
    amount_precision: decimalsOf(p.stepSize),
    precision: decimalsOf(p.tickSize),
    trade_status: 'tradable',
    sell_start: 1_516_378_650,
    buy_start: 1_516_378_650,
    type: 'normal',
  };
}

export function currenciesJson(pairs: FakeSymbol[]) {
  const codes = [...new Set(pairs.flatMap((p) => [p.base, p.quote]))];
  return codes.map((currency) => ({
    currency,
    name: currency,
    delisted: false,
    withdraw_disabled: false,
    withdraw_delayed: false,
    deposit_disabled: false,
    trade_disabled: false,
    chain: currency,
    chains: [{ name: currency, addr: '', withdraw_disabled: false, withdraw_delayed: false, deposit_disabled: false }],
  }));
}

export function tickerJson(p: FakeSymbol, last: number) {
  const places = decimalsOf(p.tickSize);
  const tick = Number(p.tickSize);
  return {
    currency_pair: p.symbol,
    last: fmt(last, places),
    lowest_ask: fmt(last + tick, places),
    lowest_size: '1',
    highest_bid: fmt(last - tick, places),
    highest_size: '1',
    // Gate sends the 24 h change in percent ("-1.18" is -1.18 %).
    change_percentage: fmt(((last - p.price) / p.price) * 100, 2),
    base_volume: '1234.5',
    quote_volume: fmt(1234.5 * last, 2),
    high_24h: fmt(Math.max(p.price, last) * 1.01, places),
    low_24h: fmt(Math.min(p.price, last) * 0.99, places),
  };
}

export interface CandleQuery {
  limit?: number;
  /** Unix seconds. */
  from?: number;
  to?: number;
}

/**
 * Gate's spot candle row: [open time (s), quote volume, close, high, low, open, base volume, window closed]. With
 * `from` the bars from there to `to` (or now); without, the newest `limit` (default 100) up to `to` (or now).
 */
export function candlesticks(p: FakeSymbol, seconds: number, nowMs: number, query: CandleQuery): string[][] {
  const ms = seconds * 1000;
  const newest = Math.floor(nowMs / ms) * ms;
  const last = query.to === undefined ? newest : Math.min(newest, Math.floor((query.to * 1000) / ms) * ms);
  const limit = Math.min(query.limit ?? 100, 1000);
  const first = query.from === undefined ? last - (limit - 1) * ms : Math.ceil((query.from * 1000) / ms) * ms;
  const rows: string[][] = [];
  for (let t = Math.max(first, 0); t <= last && rows.length < 1000; t += ms) {
    const [, open, high, low, close, volume] = kline(p.price, t, ms, Number(p.tickSize)).map(String);
    const quoteVolume = fmt(Number(volume) * Number(close), 2);
    rows.push([String(t / 1000), quoteVolume, close ?? '', high ?? '', low ?? '', open ?? '', volume ?? '', String(t + ms <= nowMs)]);
  }
  return rows;
}
