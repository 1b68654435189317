// ccxt's loose shapes (numbers that may be undefined or NaN) turned into the shared domain types. A row that cannot
// be a valid candle is dropped rather than drawn as a spike to zero.
import type { OHLCV, Ticker as CcxtTicker, Trade as CcxtTrade } from 'ccxt';
import type { Candle, PublicTrade, Symbol, Ticker, VenueId } from '../../src-shared';

const positive = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value) && value > 0;

export function toCandle(row: OHLCV): Candle | undefined {
  const [time, open, high, low, close, volume] = row;
  if (typeof time !== 'number' || !Number.isInteger(time) || time < 0) return undefined;
  if (!positive(open) || !positive(high) || !positive(low) || !positive(close)) return undefined;
  const v = typeof volume === 'number' && Number.isFinite(volume) && volume >= 0 ? volume : 0;
  return { time, open, high, low, close, volume: v };
}

export function toTicker(venue: VenueId, symbol: Symbol, ticker: CcxtTicker, now: number): Ticker | undefined {
  if (!positive(ticker.last)) return undefined;
  const result: Ticker = { venue, symbol, last: ticker.last, timestamp: Number.isInteger(ticker.timestamp) ? ticker.timestamp! : now };
  if (positive(ticker.bid)) result.bid = ticker.bid;
  if (positive(ticker.ask)) result.ask = ticker.ask;
  if (typeof ticker.percentage === 'number' && Number.isFinite(ticker.percentage)) result.change24hPct = Math.round(ticker.percentage * 100) / 100;
  return result;
}

/** Until the ticker stream speaks, the candle's close is the best last price there is. */
export function tickerFromCandle(venue: VenueId, symbol: Symbol, candle: Candle, now: number): Ticker {
  return { venue, symbol, last: candle.close, timestamp: now };
}

/** A trade of the public tape; undefined when its price, amount or time is missing. */
export function toPublicTrade(trade: Partial<CcxtTrade>): PublicTrade | undefined {
  const { price, amount, timestamp } = trade;
  if (!positive(price) || !positive(amount) || typeof timestamp !== 'number' || !Number.isInteger(timestamp) || timestamp < 0) return undefined;
  const result: PublicTrade = { price, amount, timestamp };
  if (typeof trade.id === 'string' && trade.id !== '') result.id = trade.id;
  if (trade.side === 'buy' || trade.side === 'sell') result.side = trade.side;
  return result;
}
