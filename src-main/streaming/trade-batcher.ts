// The public tape towards one renderer: every trade matters on a tape, so trades within a frame are appended, not
// replaced; a burst beyond `max` keeps the newest, since a tape shows only its latest rows anyway.
import type { PublicTrade } from '../../src-shared';
import { FrameBatcher } from './frame-batcher';
import { FRAME_MS, realFrameClock, type FrameClock } from './frame-gate';

export const MAX_TRADES_PER_PUSH = 200;

export class TradeBatcher extends FrameBatcher<readonly PublicTrade[]> {
  constructor(
    push: (trades: PublicTrade[]) => void,
    max: number = MAX_TRADES_PER_PUSH,
    frameMs: number = FRAME_MS,
    clock: FrameClock = realFrameClock,
  ) {
    super(
      (pending, trades) => {
        const all = pending ? [...pending, ...trades] : [...trades];
        return all.length > max ? all.slice(-max) : all;
      },
      (trades) => push(trades as PublicTrade[]),
      frameMs,
      clock,
    );
  }

  override offer(trades: readonly PublicTrade[]): void {
    if (trades.length > 0) super.offer(trades);
  }
}
