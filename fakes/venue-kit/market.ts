// What every fake venue's market data is made of: the pair table, decimal formatting, and candles that are a
// deterministic function of their open time, so a test can page backwards and compare pages. Each fake reshapes
// these into its own wire format.

export interface FakeSymbol {
  /** The venue's own id of the pair: BTCUSDT on Binance and MEXC, BTC_USDT on Gate. */
  symbol: string;
  base: string;
  quote: string;
  tickSize: string;
  stepSize: string;
  minQty: string;
  minNotional: string;
  /** Starting last price. */
  price: number;
}

/** Decimal places of a step such as "0.00001". */
export function decimalsOf(step: string): number {
  const fraction = step.split('.')[1]?.replace(/0+$/, '') ?? '';
  return fraction.length;
}

export const fmt = (value: number, places = 8): string => value.toFixed(places);

/** Whether `value` is a whole number of `step`s (venues refuse a price or amount off the tick or lot step). */
export function onStep(value: number, step: string): boolean {
  const ratio = value / Number(step);
  return Math.abs(ratio - Math.round(ratio)) < 1e-6;
}

/** A smooth, deterministic walk around `base`: the same open time always gives the same candle. */
export function kline(base: number, open: number, ms: number, tick: number): (string | number)[] {
  const at = (t: number) => base * (1 + 0.01 * Math.sin(t / ms / 7) + 0.004 * Math.sin(t / ms / 1.3));
  const o = at(open);
  const c = at(open + ms);
  const high = Math.max(o, c) * 1.001;
  const low = Math.min(o, c) * 0.999;
  const places = decimalsOf(String(tick));
  const volume = 1 + Math.abs(Math.sin(open / ms)) * 10;
  return [open, fmt(o, places), fmt(high, places), fmt(low, places), fmt(c, places), fmt(volume), open + ms - 1, fmt(volume * c), 42, fmt(volume / 2), fmt((volume / 2) * c), '0'];
}

/**
 * Binance's paging rules: with startTime, `limit` candles from it forward; otherwise the newest `limit` up to now;
 * endTime caps either. Never candles that have not opened yet.
 */
export function klines(s: FakeSymbol, ms: number, now: number, query: { startTime?: number; endTime?: number; limit: number }) {
  const newest = Math.floor(now / ms) * ms;
  const last = Math.min(newest, query.endTime === undefined ? newest : Math.floor(query.endTime / ms) * ms);
  let first = query.startTime === undefined ? last - (query.limit - 1) * ms : Math.ceil(query.startTime / ms) * ms;
  first = Math.max(first, 0);
  const rows = [];
  for (let t = first; t <= last && rows.length < query.limit; t += ms) rows.push(kline(s.price, t, ms, Number(s.tickSize)));
  return rows;
}
