import { describe, expect, it } from 'vitest';
import { AppError, Candle, type Candle as CandleT } from '../../../src-shared';
import { DemoVenue } from './demo-venue';

const START = Date.UTC(2026, 10, 2, 12, 0, 10);

function manualClock(start = START) {
  let now = start;
  return { now: () => now, set: (t: number) => (now = t), add: (ms: number) => (now += ms) };
}

function venue(seed: number, clock = manualClock(), historyDays = 2) {
  return { venue: new DemoVenue({ seed, now: clock.now, tickMs: 500, historyDays }), clock };
}

function decimals(value: number): number {
  const text = String(value);
  return text.includes('.') ? text.split('.')[1]!.length : 0;
}

describe('DemoVenue', () => {
  it('replays the same market from the same seed, and another from another seed', async () => {
    const a = venue(42).venue;
    const b = venue(42).venue;
    const c = venue(43).venue;
    const query = { limit: 300 };
    const first = await a.candles('BTC/USDT', '1m', query);
    expect(await b.candles('BTC/USDT', '1m', query)).toEqual(first);
    expect(await c.candles('BTC/USDT', '1m', query)).not.toEqual(first);
  });

  it('starts with contiguous, well-formed history rounded to the market precision', async () => {
    const { venue: demo } = venue(7, manualClock(), 2);
    const candles = await demo.candles('ETH/USDT', '1m', { limit: 5000 });
    expect(candles.length).toBeGreaterThanOrEqual(2 * 1440);
    for (let i = 0; i < candles.length; i++) {
      const candle = candles[i]!;
      expect(() => Candle.parse(candle)).not.toThrow();
      expect(candle.low).toBeLessThanOrEqual(Math.min(candle.open, candle.close));
      expect(candle.high).toBeGreaterThanOrEqual(Math.max(candle.open, candle.close));
      expect(decimals(candle.close)).toBeLessThanOrEqual(2);
      expect(decimals(candle.volume)).toBeLessThanOrEqual(8);
      if (i > 0) expect(candle.time - candles[i - 1]!.time).toBe(60_000);
    }
    expect(candles.at(-1)!.time).toBe(Math.floor(START / 60_000) * 60_000);
  });

  it('builds higher timeframes from the same minutes', async () => {
    const { venue: demo } = venue(9);
    const fives = await demo.candles('BTC/USDT', '5m', { limit: 10 });
    const ones = await demo.candles('BTC/USDT', '1m', { limit: 60 });
    const bucket = fives.at(-3)!;
    const inside = ones.filter((c) => c.time >= bucket.time && c.time < bucket.time + 300_000);
    expect(inside).toHaveLength(5);
    expect(bucket.open).toBe(inside[0]!.open);
    expect(bucket.close).toBe(inside[4]!.close);
    expect(bucket.high).toBe(Math.max(...inside.map((c) => c.high)));
    expect(bucket.low).toBe(Math.min(...inside.map((c) => c.low)));
    expect(bucket.volume).toBeCloseTo(inside.reduce((sum, c) => sum + c.volume, 0), 6);
    expect(bucket.time % 300_000).toBe(0);
  });

  it('pages backwards without gaps or overlap', async () => {
    const { venue: demo } = venue(5);
    const newest = await demo.candles('SOL/USDT', '15m', { limit: 20 });
    const older = await demo.candles('SOL/USDT', '15m', { limit: 20, before: newest[0]!.time });
    expect(older).toHaveLength(20);
    expect(older.at(-1)!.time + 900_000).toBe(newest[0]!.time);
    const all = await demo.candles('SOL/USDT', '15m', { limit: 40 });
    expect(all).toEqual([...older, ...newest]);
  });

  it('streams the forming candle as time passes, rolls over to a new minute, and stops when unwatched', async () => {
    const { venue: demo, clock } = venue(11);
    const updates: CandleT[] = [];
    const stop = demo.watchCandles('BTC/USDT', '1m', ({ candle }) => updates.push(candle));
    expect(updates).toHaveLength(1); // the current state at once
    const minute = updates[0]!.time;
    for (let i = 0; i < 10; i++) {
      clock.add(500);
      demo.advance();
    }
    expect(updates).toHaveLength(11);
    expect(new Set(updates.map((c) => c.close)).size).toBeGreaterThan(1);
    clock.set(minute + 60_000 + 1_000);
    demo.advance();
    expect(updates.at(-1)!.time).toBe(minute + 60_000);
    stop();
    clock.add(5_000);
    demo.advance();
    expect(updates.at(-1)!.time).toBe(minute + 60_000);
    const count = updates.length;
    clock.add(500);
    demo.advance();
    expect(updates).toHaveLength(count);
  });

  it('shows in history exactly what it streamed live', async () => {
    const { venue: demo, clock } = venue(3);
    let live: CandleT | undefined;
    const stop = demo.watchCandles('ETH/USDT', '1m', ({ candle }) => (live = candle));
    for (let i = 0; i < 30; i++) {
      clock.add(500);
      demo.advance();
    }
    stop();
    const history = await demo.candles('ETH/USDT', '1m', { limit: 1 });
    expect(history[0]).toEqual(live);
  });

  it('reports a ticker consistent with the last candle', async () => {
    const { venue: demo } = venue(1);
    const ticker = await demo.ticker('BTC/USDT');
    const [last] = await demo.candles('BTC/USDT', '1m', { limit: 1 });
    expect(ticker.last).toBe(last!.close);
    expect(ticker.bid!).toBeLessThan(ticker.ask!);
    expect(Number.isFinite(ticker.change24hPct)).toBe(true);
  });

  it('refuses an unknown symbol with a typed error naming the markets it has', async () => {
    const { venue: demo } = venue(1);
    const error = await demo.ticker('DOGE/EUR').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('NOT_FOUND');
    expect((error as AppError).message).toContain('BTC/USDT');
  });

  it('lists markets with precision and minimums', async () => {
    const markets = await venue(1).venue.markets();
    expect(markets.map((m) => m.symbol)).toEqual(['BTC/USDT', 'ETH/USDT', 'SOL/USDT']);
    expect(markets.every((m) => m.venue === 'demo' && m.minNotional! > 0)).toBe(true);
  });
});
