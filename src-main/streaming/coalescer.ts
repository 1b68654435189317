// Coalescing candles towards one renderer (timing in frame-gate.ts): merged within a frame, a bar's newest state wins, and a bar that closed inside the frame keeps its final state in `closed` instead of
// being overwritten by the next one.
import type { Candle } from '../../src-shared';
import type { CandleUpdate } from '../exchanges';
import { FrameBatcher } from './frame-batcher';
import { FRAME_MS, realFrameClock, type FrameClock } from './frame-gate';

export { FRAME_MS } from './frame-gate';
export type { FrameClock as CoalescerClock } from './frame-gate';

export interface CoalescedCandle {
  /** Bars that closed since the previous push, oldest first, in their final state. */
  closed: Candle[];
  candle: Candle;
}

/** Merges one update into what is pending for the frame. */
function mergeCandle(pending: CoalescedCandle | undefined, { candle }: CandleUpdate): CoalescedCandle {
  if (pending === undefined) return { closed: [], candle };
  if (candle.time === pending.candle.time) return { ...pending, candle };
  if (candle.time > pending.candle.time) return { closed: [...pending.closed, pending.candle], candle };
  return pending; // an older bar than the pending one is stale news: the newer state supersedes it
}

export class FrameCoalescer extends FrameBatcher<CandleUpdate, CoalescedCandle> {
  constructor(push: (update: CoalescedCandle) => void, frameMs: number = FRAME_MS, clock: FrameClock = realFrameClock) {
    super(mergeCandle, push, frameMs, clock);
  }
}
