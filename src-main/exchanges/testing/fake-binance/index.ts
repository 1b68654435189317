// Fake Binance spot REST for tests: `startFakeBinance()` and what a test needs to drive it.
export { startFakeBinance, startFakeBinance as start, TEST_ACCOUNT, type FakeBinance, type FakeBinanceAccount, type FakeBinanceOptions } from './server';
export { DEFAULT_SYMBOLS } from './market-data';
export type { FakeSymbol } from '../fake-market';
export type { FakeOrder, FakeTrade } from '../matching-engine';
