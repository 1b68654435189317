// The four market-data APIs (CoinMarketCap, Yahoo, Alpha Vantage, Polygon), each behind its own fake server answering
// documented JSON, for the aggregator and service tests.
import { avExchangeRate, cmcQuote, polygonLastTrade, yahooChart } from './documented-json';
import { startFakeServer, type FakeServer } from './server';

export interface FakeApis {
  coinmarketcap: FakeServer;
  yahoo: FakeServer;
  'alpha-vantage': FakeServer;
  polygon: FakeServer;
}

/** Every API healthy, each with its own price so a test can tell who answered. */
export async function startFakeApis(): Promise<FakeApis> {
  return {
    coinmarketcap: await startFakeServer(() => ({ body: cmcQuote('BTC', 64_001) })),
    yahoo: await startFakeServer(() => ({ body: yahooChart('BTC-USD', 64_002) })),
    'alpha-vantage': await startFakeServer(() => ({ body: avExchangeRate('BTC', 'USD', 64_003) })),
    polygon: await startFakeServer(() => ({ body: polygonLastTrade('BTC-USD', 64_004) })),
  };
}

export function urlsOf(apis: FakeApis) {
  return {
    coinmarketcap: apis.coinmarketcap.url,
    yahoo: apis.yahoo.url,
    'alpha-vantage': apis['alpha-vantage'].url,
    polygon: apis.polygon.url,
  };
}

export { startFakeServer, type FakeReply, type FakeServer, type RecordedRequest, type Route } from './server';
