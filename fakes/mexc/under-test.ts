// The fake MEXC as the shared venue contract (../venue-kit/venue-contract.ts) sees it.
import type { VenueUnderTest } from '../venue-kit/venue-contract';
import { DEFAULT_MEXC_ACCOUNT, startFakeMexc, type FakeMexc, type FakeMexcOptions } from './index';

export const MEXC_UNDER_TEST: VenueUnderTest<FakeMexc, FakeMexcOptions> = {
  venue: 'mexc',
  account: DEFAULT_MEXC_ACCOUNT,
  start: (options) => startFakeMexc(options),
  btcId: 'BTCUSDT',
  paths: { balance: '/api/v3/account', create: '/api/v3/order' },
  bansWith418: true,
};
