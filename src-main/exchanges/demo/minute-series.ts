// One-minute candles of one symbol, held in columns of typed arrays: 30 days of minutes is 43,200 candles, and
// columns keep that to ~2 MB per symbol where objects would take several times more.
import type { Candle } from '../../../src-shared';

const COLUMNS = ['open', 'high', 'low', 'close', 'volume'] as const;

export class MinuteSeries {
  private capacity: number;
  private count = 0;
  private columns: Record<(typeof COLUMNS)[number], Float64Array>;

  /** @param firstMinute open time (ms) of the first candle; candles are contiguous from there. */
  constructor(
    readonly firstMinute: number,
    initialCapacity: number,
  ) {
    this.capacity = Math.max(16, initialCapacity);
    this.columns = MinuteSeries.allocate(this.capacity);
  }

  private static allocate(capacity: number): Record<(typeof COLUMNS)[number], Float64Array> {
    return {
      open: new Float64Array(capacity),
      high: new Float64Array(capacity),
      low: new Float64Array(capacity),
      close: new Float64Array(capacity),
      volume: new Float64Array(capacity),
    };
  }

  get length(): number {
    return this.count;
  }

  /** Open time of the newest candle, or undefined while empty. */
  get lastMinute(): number | undefined {
    return this.count === 0 ? undefined : this.firstMinute + (this.count - 1) * 60_000;
  }

  /** Starts a new minute at `price`. */
  open(price: number, volume: number): void {
    if (this.count === this.capacity) this.grow();
    const i = this.count++;
    const c = this.columns;
    c.open[i] = price;
    c.high[i] = price;
    c.low[i] = price;
    c.close[i] = price;
    c.volume[i] = volume;
  }

  /** Applies a trade at `price` to the newest minute. */
  trade(price: number, volume: number): void {
    const i = this.count - 1;
    if (i < 0) throw new Error('no minute is open');
    const c = this.columns;
    c.close[i] = price;
    if (price > c.high[i]!) c.high[i] = price;
    if (price < c.low[i]!) c.low[i] = price;
    c.volume[i]! += volume;
  }

  indexOf(minute: number): number {
    return Math.floor((minute - this.firstMinute) / 60_000);
  }

  /**
   * Aggregates minutes [from, to) (indexes, clamped) into one candle opening at `time`; undefined when empty.
   * Volume is rounded to 8 decimals so sums show no floating-point noise.
   */
  aggregate(from: number, to: number, time: number): Candle | undefined {
    const start = Math.max(0, from);
    const end = Math.min(this.count, to);
    if (start >= end) return undefined;
    const c = this.columns;
    let high = -Infinity;
    let low = Infinity;
    let volume = 0;
    for (let i = start; i < end; i++) {
      if (c.high[i]! > high) high = c.high[i]!;
      if (c.low[i]! < low) low = c.low[i]!;
      volume += c.volume[i]!;
    }
    return { time, open: c.open[start]!, high, low, close: c.close[end - 1]!, volume: Math.round(volume * 1e8) / 1e8 };
  }

  closeAt(index: number): number | undefined {
    return index >= 0 && index < this.count ? this.columns.close[index] : undefined;
  }

  private grow(): void {
    const next = MinuteSeries.allocate(this.capacity * 2);
    for (const name of COLUMNS) next[name].set(this.columns[name]);
    this.columns = next;
    this.capacity *= 2;
  }
}
