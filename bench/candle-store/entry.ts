// What the candle-store benchmark measures: the app's own database opening (migrations, pragmas) and CandleStore.
export { openDatabase } from '../../src-main/storage';
export { CandleStore, UPSERT_CANDLE_SQL } from '../../src-main/market-data';
