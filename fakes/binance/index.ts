// Fake Binance spot for tests: the REST API (`startFakeBinance()`: accounts, orders, faults, rate limits) and the
// WebSocket market streams ccxt.pro watches (`FakeBinanceStream`), with what a test needs to drive them.
export { startFakeBinance, startFakeBinance as start, TEST_ACCOUNT, type FakeBinance, type FakeBinanceAccount, type FakeBinanceOptions } from './server';
export { DEFAULT_SYMBOLS } from './market-data';
export type { FakeSymbol } from '../venue-kit/market';
export type { FakeOrder, FakeTrade } from '../venue-kit/matching-engine';
export { FakeBinanceStream, type FakeBinanceStreamOptions, type StreamFrame } from './stream';
export { FakeMarket, MINUTE, seededRandom } from './stream-market';
