// The market behind the fake Binance stream server: one-minute bars of a few symbols on a simulated clock, driven by
// a seeded random walk. It keeps the full record of every bar, which is what a test compares a client's chart with.
import type { Candle } from '../../src-shared';
import { seededRandom } from '../../src-main/exchanges';

// The demo venue's seeded generator: one implementation of the randomness for the app and its fakes.
export { seededRandom };

export const MINUTE = 60_000;

const round2 = (x: number) => Math.round(x * 100) / 100;

export class FakeMarket {
  /** Bars per Binance symbol id (BTCUSDT), oldest first; the last one is forming. */
  readonly bars = new Map<string, Candle[]>();
  private readonly random: () => number;

  constructor(
    symbols: Record<string, number>,
    seed: number,
    public now: number,
    historyMinutes = 600,
  ) {
    this.random = seededRandom(seed);
    const start = Math.floor(now / MINUTE) * MINUTE - historyMinutes * MINUTE;
    for (const [id, price] of Object.entries(symbols)) {
      const bars: Candle[] = [];
      let close = price;
      for (let t = start; t < Math.floor(now / MINUTE) * MINUTE; t += MINUTE) {
        const open = close;
        close = round2(open * (1 + (this.random() - 0.5) * 0.002));
        bars.push({ time: t, open, high: Math.max(open, close), low: Math.min(open, close), close, volume: 1 });
      }
      const open = close;
      bars.push({ time: Math.floor(now / MINUTE) * MINUTE, open, high: open, low: open, close: open, volume: 0 });
      this.bars.set(id, bars);
    }
  }

  /** Advances the clock by `ms` with one trade per symbol; returns the bars that closed, per symbol. */
  step(ms: number, price?: (id: string, last: number) => number): Map<string, Candle[]> {
    this.now += ms;
    const closed = new Map<string, Candle[]>();
    for (const [id, bars] of this.bars) {
      let current = bars.at(-1)!;
      const minute = Math.floor(this.now / MINUTE) * MINUTE;
      const finished: Candle[] = [];
      while (current.time < minute) {
        finished.push(current);
        current = { time: current.time + MINUTE, open: current.close, high: current.close, low: current.close, close: current.close, volume: 0 };
        bars.push(current);
      }
      if (finished.length > 0) closed.set(id, finished);
      const next = price ? price(id, current.close) : round2(current.close * (1 + (this.random() - 0.5) * 0.001));
      current.close = next;
      current.high = Math.max(current.high, next);
      current.low = Math.min(current.low, next);
      current.volume = Math.round((current.volume + 0.01) * 1e8) / 1e8;
    }
    return closed;
  }

  current(id: string): Candle {
    return this.bars.get(id)!.at(-1)!;
  }

  /** Bars of `id` aggregated to `spanMs` (a multiple of a minute). */
  series(id: string, spanMs: number): Candle[] {
    const bars = this.bars.get(id) ?? [];
    if (spanMs === MINUTE) return bars;
    const out: Candle[] = [];
    for (const bar of bars) {
      const time = Math.floor(bar.time / spanMs) * spanMs;
      const last = out.at(-1);
      if (last && last.time === time) {
        last.high = Math.max(last.high, bar.high);
        last.low = Math.min(last.low, bar.low);
        last.close = bar.close;
        last.volume += bar.volume;
      } else out.push({ ...bar, time });
    }
    return out;
  }
}
