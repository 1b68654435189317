export { CandleStreams, type CandleStreamsOptions, type OfflineWindow, type SeriesKey, type StreamedCandle } from './candle-streams';
export { FrameCoalescer, FRAME_MS, type CoalescedCandle } from './coalescer';
export { TradeStreams, RECENT_TRADES_KEPT, type TapeKey } from './trade-streams';
export { TradeBatcher, MAX_TRADES_PER_PUSH } from './trade-batcher';
export { FrameBatcher, newestWins } from './frame-batcher';
export { TickerStreams, type TickerStreamsOptions } from './ticker-streams';
export { SharedStreams, type StreamKey } from './shared-streams';
export { fetchGap } from './backfill';
export { FrameGate } from './frame-gate';
