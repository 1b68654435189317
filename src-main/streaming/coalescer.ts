// Coalescing towards one renderer: at most one push per stream per display frame, so a busy feed never floods the
// UI. A quiet stream's first update goes out at once (leading edge): only updates inside the frame after a push wait,
// merged — the ticker's last value wins, a bar's newest state wins, and a bar that closed inside the frame keeps its
// final state in `closed` instead of being overwritten by the next one.
import type { Candle, Ticker } from '../../src-shared';
import type { CandleUpdate } from '../exchanges';

/** One display frame at 60 Hz. */
export const FRAME_MS = 16;

export interface CoalescedCandle {
  /** Bars that closed since the previous push, oldest first, in their final state. */
  closed: Candle[];
  candle: Candle;
  ticker: Ticker;
}

export interface CoalescerClock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: CoalescerClock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class FrameCoalescer {
  private closed: Candle[] = [];
  private candle: Candle | undefined;
  private ticker: Ticker | undefined;
  private lastPushAt = -Infinity;
  private timer: unknown;
  private ended = false;

  constructor(
    private readonly push: (update: CoalescedCandle) => void,
    private readonly frameMs: number = FRAME_MS,
    private readonly clock: CoalescerClock = realClock,
  ) {}

  offer(update: CandleUpdate): void {
    if (this.ended) return;
    const { candle } = update;
    if (this.candle === undefined || candle.time === this.candle.time) this.candle = candle;
    else if (candle.time > this.candle.time) {
      this.closed.push(this.candle);
      this.candle = candle;
    } // an older bar than the pending one is stale news: the newer state already supersedes it
    this.ticker = update.ticker;
    if (this.timer !== undefined) return; // a push is already due at the end of this frame
    const sinceLast = this.clock.now() - this.lastPushAt;
    if (sinceLast >= this.frameMs) this.flush();
    else this.timer = this.clock.setTimeout(() => this.flush(), this.frameMs - sinceLast);
  }

  /** Pushes what is pending now: before a status change, so the renderer sees them in the order they happened. */
  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.candle === undefined || this.ticker === undefined || this.ended) return;
    const update: CoalescedCandle = { closed: this.closed, candle: this.candle, ticker: this.ticker };
    this.closed = [];
    this.candle = undefined;
    this.lastPushAt = this.clock.now();
    this.push(update);
  }

  close(): void {
    this.ended = true;
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
