// The fake Binance as the shared venue contract (../venue-kit/venue-contract.ts) sees it.
import type { VenueUnderTest } from '../venue-kit/venue-contract';
import { startFakeBinance, TEST_ACCOUNT, type FakeBinance, type FakeBinanceOptions } from './server';

export const BINANCE_UNDER_TEST: VenueUnderTest<FakeBinance, FakeBinanceOptions> = {
  venue: 'binance',
  account: TEST_ACCOUNT,
  start: (options) => startFakeBinance(options),
  btcId: 'BTCUSDT',
  paths: { balance: '/api/v3/account', create: '/api/v3/order' },
  bansWith418: true,
};
