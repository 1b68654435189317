// A short price history of one symbol for percent-change rules: the lowest and highest price per second, kept for
// the longest window any rule of the symbol asks for. Per-second buckets bound the memory (4 h = 14,400 entries)
// however fast the feed ticks.
const BUCKET_MS = 1_000;

export class PriceWindow {
  private times: number[] = [];
  private lows: number[] = [];
  private highs: number[] = [];

  /** @param spanMs how far back to keep; the longest window of the symbol's rules. */
  constructor(public spanMs: number) {}

  add(at: number, price: number): void {
    const bucket = Math.floor(at / BUCKET_MS) * BUCKET_MS;
    const last = this.times.length - 1;
    if (last >= 0 && this.times[last] === bucket) {
      if (price < this.lows[last]!) this.lows[last] = price;
      if (price > this.highs[last]!) this.highs[last] = price;
    } else if (last < 0 || bucket > this.times[last]!) {
      this.times.push(bucket);
      this.lows.push(price);
      this.highs.push(price);
    }
    this.trim(at - this.spanMs);
  }

  /** Lowest and highest price since `since` (ms); undefined when nothing was seen then. */
  extremes(since: number): { low: number; high: number } | undefined {
    let low = Infinity;
    let high = -Infinity;
    const from = Math.floor(since / BUCKET_MS) * BUCKET_MS;
    for (let i = this.times.length - 1; i >= 0 && this.times[i]! >= from; i--) {
      if (this.lows[i]! < low) low = this.lows[i]!;
      if (this.highs[i]! > high) high = this.highs[i]!;
    }
    return low === Infinity ? undefined : { low, high };
  }

  get size(): number {
    return this.times.length;
  }

  private trim(before: number): void {
    const oldest = Math.floor(before / BUCKET_MS) * BUCKET_MS;
    let drop = 0;
    while (drop < this.times.length && this.times[drop]! < oldest) drop++;
    if (drop === 0) return;
    this.times.splice(0, drop);
    this.lows.splice(0, drop);
    this.highs.splice(0, drop);
  }
}
