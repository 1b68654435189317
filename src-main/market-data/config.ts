// Base URLs of the data APIs from the environment, so that a packaged app can be pointed at a proxy or mirror and
// the end-to-end tests at a local fake without a command-line option per provider:
//   TBS_MARKET_DATA_BASE_URL       every data API at one base (their paths do not overlap)
//   TBS_COINMARKETCAP_URL, TBS_YAHOO_URL, TBS_ALPHA_VANTAGE_URL, TBS_POLYGON_URL   one each, winning over the above
import { AppError, DATA_API_IDS, type DataApiId } from '../../src-shared';
import type { ProviderUrls } from './service';

const VARIABLES: Record<DataApiId, string> = {
  coinmarketcap: 'TBS_COINMARKETCAP_URL',
  yahoo: 'TBS_YAHOO_URL',
  'alpha-vantage': 'TBS_ALPHA_VANTAGE_URL',
  polygon: 'TBS_POLYGON_URL',
};

export function providerUrlsFromEnv(env: Readonly<Record<string, string | undefined>>): ProviderUrls {
  const urls: ProviderUrls = {};
  for (const id of DATA_API_IDS) {
    const name = env[VARIABLES[id]] ? VARIABLES[id] : 'TBS_MARKET_DATA_BASE_URL';
    const value = env[name];
    if (!value) continue;
    // Refused at start rather than at the first quote: a typo here would otherwise read as "provider unreachable".
    if (!/^https?:\/\/[^\s/]+/.test(value)) throw new AppError('INVALID_REQUEST', `${name} is not an http(s) URL: ${value}`);
    urls[id] = value;
  }
  return urls;
}
