export { CandleStreams, type SeriesKey } from './candle-streams';
