// Coalescing the public tape towards one renderer (timing in frame-gate.ts): every trade matters on a tape, so
// trades within a frame are appended, not replaced; a burst beyond `max` keeps the newest, since a tape shows only
// its latest rows anyway.
import type { PublicTrade } from '../../src-shared';
import { FRAME_MS, FrameGate, realFrameClock, type FrameClock } from './frame-gate';

export const MAX_TRADES_PER_PUSH = 200;

export class TradeBatcher {
  private pending: PublicTrade[] = [];
  private readonly gate: FrameGate;

  constructor(
    private readonly push: (trades: PublicTrade[]) => void,
    private readonly max: number = MAX_TRADES_PER_PUSH,
    frameMs: number = FRAME_MS,
    clock: FrameClock = realFrameClock,
  ) {
    this.gate = new FrameGate(() => this.emit(), frameMs, clock);
  }

  offer(trades: readonly PublicTrade[]): void {
    if (trades.length === 0) return;
    this.pending.push(...trades);
    if (this.pending.length > this.max) this.pending = this.pending.slice(-this.max);
    this.gate.request();
  }

  flush(): void {
    this.gate.flush();
  }

  close(): void {
    this.gate.close();
  }

  private emit(): boolean {
    if (this.pending.length === 0) return false;
    const trades = this.pending;
    this.pending = [];
    this.push(trades);
    return true;
  }
}
