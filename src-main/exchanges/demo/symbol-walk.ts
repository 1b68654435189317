// The simulated market of one symbol: a seeded random walk of the log price, recorded as one-minute candles. History
// and live ticks come from the same walk, so a reloaded chart matches what was seen live.
import { gaussian, hashString, seededRandom } from './random';
import { MinuteSeries } from './minute-series';
import type { DemoSymbolSpec } from './demo-symbols';
import type { PublicTrade } from '../../../src-shared';

const MINUTE = 60_000;
/** Steps simulated inside each minute of history, so that wicks look like the live ones. */
const HISTORY_STEPS_PER_MINUTE = 6;
/** Live trades kept for a tape watcher that was not called for a few ticks (a busy event loop). */
const RECENT_TRADES = 64;

function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

export class SymbolWalk {
  readonly series: MinuteSeries;
  private readonly normal: () => number;
  private logPrice: number;
  /** Time of the last simulated step. */
  private clock: number;
  /** The live ticks' trades, oldest first, each with its sequence number as id. */
  private readonly recent: PublicTrade[] = [];
  private tradeSeq = 0;

  constructor(
    readonly spec: DemoSymbolSpec,
    seed: number,
    historyStart: number,
    private readonly tickMs: number,
  ) {
    this.normal = gaussian(seededRandom(seed ^ hashString(spec.market.symbol)));
    this.logPrice = Math.log(spec.startPrice);
    const firstMinute = Math.floor(historyStart / MINUTE) * MINUTE;
    this.series = new MinuteSeries(firstMinute, 0);
    this.clock = firstMinute - tickMs;
  }

  get price(): number {
    return roundTo(Math.exp(this.logPrice), this.spec.market.pricePrecision);
  }

  get lastTick(): number {
    return this.clock;
  }

  /** Simulates every tick up to `now`; whole minutes far behind are simulated coarsely, as history. Returns true if anything moved. */
  advanceTo(now: number): boolean {
    const nowMinute = Math.floor(now / MINUTE) * MINUTE;
    let moved = false;
    // Whole minutes before the current one: a few steps each (cheap, even for 30 days of history).
    while (this.nextMinute() < nowMinute) {
      this.simulateMinute(this.nextMinute());
      moved = true;
    }
    const firstTick = Math.floor(this.clock / this.tickMs) * this.tickMs + this.tickMs;
    for (let t = firstTick; t <= now; t += this.tickMs) {
      this.tick(t);
      moved = true;
    }
    return moved;
  }

  private nextMinute(): number {
    const last = this.series.lastMinute;
    return last === undefined ? this.series.firstMinute : last + MINUTE;
  }

  private simulateMinute(minute: number): void {
    this.series.open(this.price, 0);
    const volatility = this.spec.minuteVolatility / Math.sqrt(HISTORY_STEPS_PER_MINUTE);
    for (let step = 0; step < HISTORY_STEPS_PER_MINUTE; step++) {
      this.step(volatility, this.spec.minuteVolume / HISTORY_STEPS_PER_MINUTE);
    }
    this.clock = minute + MINUTE - this.tickMs;
  }

  private tick(time: number): void {
    const minute = Math.floor(time / MINUTE) * MINUTE;
    if (this.series.lastMinute !== minute) this.series.open(this.price, 0);
    const share = this.tickMs / MINUTE;
    const before = this.price;
    const amount = this.step(this.spec.minuteVolatility * Math.sqrt(share), this.spec.minuteVolume * share);
    this.clock = time;
    if (amount > 0) {
      // Each live tick is one trade on the tape; a tick that lifted the price was a buyer's.
      const side = this.price >= before ? 'buy' : 'sell';
      this.recent.push({ id: String(++this.tradeSeq), price: this.price, amount, side, timestamp: time });
      if (this.recent.length > RECENT_TRADES) this.recent.shift();
    }
  }

  /** Live trades after the one with id `afterId` (all kept ones when undefined), oldest first. */
  tradesAfter(afterId: string | undefined): PublicTrade[] {
    const after = afterId === undefined ? 0 : Number(afterId);
    return this.recent.filter((trade) => Number(trade.id) > after);
  }

  /** One step of the walk; returns the volume traded. */
  private step(volatility: number, meanVolume: number): number {
    this.logPrice += volatility * this.normal();
    // Lognormal volume around its mean: mostly quiet, now and then a burst.
    const volume = roundTo(meanVolume * Math.exp(0.6 * this.normal() - 0.18), this.spec.market.amountPrecision);
    this.series.trade(this.price, volume);
    return volume;
  }
}
