// The fake Gate as the shared venue contract (../venue-kit/venue-contract.ts) sees it.
import type { VenueUnderTest } from '../venue-kit/venue-contract';
import { DEFAULT_GATE_ACCOUNT, startFakeGate, type FakeGate, type FakeGateOptions } from './index';

export const GATE_UNDER_TEST: VenueUnderTest<FakeGate, FakeGateOptions> = {
  venue: 'gate',
  account: DEFAULT_GATE_ACCOUNT,
  start: (options) => startFakeGate(options),
  btcId: 'BTC_USDT',
  paths: { balance: '/api/v4/spot/accounts', create: '/api/v4/spot/orders' },
  bansWith418: false,
};
