// Coalescing candles towards one renderer (timing in frame-gate.ts): merged within a frame, the ticker's last value
// wins, a bar's newest state wins, and a bar that closed inside the frame keeps its final state in `closed` instead of
// being overwritten by the next one.
import type { Candle, Ticker } from '../../src-shared';
import type { CandleUpdate } from '../exchanges';
import { FRAME_MS, FrameGate, realFrameClock, type FrameClock } from './frame-gate';

export { FRAME_MS } from './frame-gate';
export type { FrameClock as CoalescerClock } from './frame-gate';

export interface CoalescedCandle {
  /** Bars that closed since the previous push, oldest first, in their final state. */
  closed: Candle[];
  candle: Candle;
  ticker: Ticker;
}

export class FrameCoalescer {
  private closed: Candle[] = [];
  private candle: Candle | undefined;
  private ticker: Ticker | undefined;
  private readonly gate: FrameGate;

  constructor(
    private readonly push: (update: CoalescedCandle) => void,
    frameMs: number = FRAME_MS,
    clock: FrameClock = realFrameClock,
  ) {
    this.gate = new FrameGate(() => this.emit(), frameMs, clock);
  }

  offer(update: CandleUpdate): void {
    const { candle } = update;
    if (this.candle === undefined || candle.time === this.candle.time) this.candle = candle;
    else if (candle.time > this.candle.time) {
      this.closed.push(this.candle);
      this.candle = candle;
    } // an older bar than the pending one is stale news: the newer state already supersedes it
    this.ticker = update.ticker;
    this.gate.request();
  }

  /** Pushes what is pending now: before a status change, so the renderer sees them in the order they happened. */
  flush(): void {
    this.gate.flush();
  }

  close(): void {
    this.gate.close();
  }

  private emit(): boolean {
    if (this.candle === undefined || this.ticker === undefined) return false;
    const update: CoalescedCandle = { closed: this.closed, candle: this.candle, ticker: this.ticker };
    this.closed = [];
    this.candle = undefined;
    this.push(update);
    return true;
  }
}
