// The candles a stream missed while it was down, fetched over REST. Pages backwards from the first live bar until
// it reaches the last bar seen before the interruption, so a long outage is filled whole, not just its newest end.
import { timeframeMs, type Candle, type Symbol, type Timeframe } from '../../src-shared';
import type { MarketDataVenue } from '../exchanges';

/** Per request; well under every venue's maximum (Binance 1000, Gate 1000, MEXC 1000). */
const PAGE = 1000;
/** 50,000 bars: a month of minutes. A longer hole is more than a reconnect: the chart reloads its history. */
const MAX_PAGES = 50;

/**
 * Bars opening in [from, to): `from` is the last bar seen live (its final state may have been missed), `to` the
 * first bar seen after the reconnect (live data is fresher for it). Oldest first, one per open time.
 */
export async function fetchGap(venue: MarketDataVenue, symbol: Symbol, timeframe: Timeframe, from: number, to: number): Promise<Candle[]> {
  if (to <= from) return [];
  const span = timeframeMs(timeframe);
  const byTime = new Map<number, Candle>();
  let before = to;
  for (let page = 0; page < MAX_PAGES && before > from; page++) {
    const wanted = Math.min(PAGE, Math.ceil((before - from) / span) + 1);
    const candles = await venue.candles(symbol, timeframe, { limit: wanted, before });
    if (candles.length === 0) break;
    for (const candle of candles) if (candle.time >= from && candle.time < to) byTime.set(candle.time, candle);
    const oldest = candles[0]!.time;
    if (oldest >= before) break; // a venue that ignores `before` would loop forever
    before = oldest;
  }
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}
