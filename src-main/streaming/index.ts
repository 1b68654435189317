export { CandleStreams, type CandleStreamsOptions, type SeriesKey } from './candle-streams';
export { CcxtLiveSource, type CcxtLiveSourceOptions } from './ccxt-live-source';
export { DEFAULT_BACKOFF, backoffDelay, type BackoffPolicy } from './backoff';
export { FrameCoalescer, FRAME_MS, type CoalescedCandle } from './coalescer';
export type { StatusChange, StatusListener, StreamSource } from './source';
export { openCcxtLiveSource, type LiveSourceHandle } from './live-source-factory';
export { TradeStreams, RECENT_TRADES_KEPT, type TapeKey } from './trade-streams';
export { TradeBatcher, MAX_TRADES_PER_PUSH } from './trade-batcher';
