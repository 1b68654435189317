// Coalescing towards one renderer (timing in frame-gate.ts): what arrives within a frame after a push is merged into
// what is pending, and the merge says how — candles keep the bars that closed (coalescer.ts), the tape appends its
// trades (trade-batcher.ts), a ticker keeps only the newest (what a price display shows).
import { FRAME_MS, FrameGate, realFrameClock, type FrameClock } from './frame-gate';

export class FrameBatcher<Value, Pending = Value> {
  private pending: Pending | undefined;
  private readonly gate: FrameGate;

  constructor(
    private readonly merge: (pending: Pending | undefined, value: Value) => Pending,
    private readonly push: (pending: Pending) => void,
    frameMs: number = FRAME_MS,
    clock: FrameClock = realFrameClock,
  ) {
    this.gate = new FrameGate(() => this.emit(), frameMs, clock);
  }

  offer(value: Value): void {
    this.pending = this.merge(this.pending, value);
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
    if (this.pending === undefined) return false;
    const value = this.pending;
    this.pending = undefined;
    this.push(value);
    return true;
  }
}

/** A ticker display shows the newest price: the last ticker of a frame wins. */
export const newestWins = <Value>(_pending: Value | undefined, value: Value): Value => value;
