// Base URLs of the data APIs from the environment, so that a packaged app can be pointed at a proxy or mirror and
// the end-to-end tests at a local fake without a command-line option per provider:
//   TBS_MARKET_DATA_BASE_URL       every data API at one base (their paths do not overlap)
//   TBS_COINMARKETCAP_URL, TBS_YAHOO_URL, TBS_ALPHA_VANTAGE_URL, TBS_POLYGON_URL   one each, winning over the above
// An http:// URL to another machine would send the providers' API keys in clear text: it is ignored with a one-line
// warning (the provider's own https address is used) unless TBS_ALLOW_PLAIN_HTTP=1. Loopback is always allowed.
import { AppError, DATA_API_IDS, plainTextEnvUrlWarning, type DataApiId } from '../../src-shared';
import type { ProviderUrls } from './service';

const VARIABLES: Record<DataApiId, string> = {
  coinmarketcap: 'TBS_COINMARKETCAP_URL',
  yahoo: 'TBS_YAHOO_URL',
  'alpha-vantage': 'TBS_ALPHA_VANTAGE_URL',
  polygon: 'TBS_POLYGON_URL',
};

export function providerUrlsFromEnv(
  env: Readonly<Record<string, string | undefined>>,
  warn: (line: string) => void = (line) => console.warn(`market data: ${line}`),
): ProviderUrls {
  const urls: ProviderUrls = {};
  const warned = new Set<string>();
  for (const id of DATA_API_IDS) {
    const name = env[VARIABLES[id]] ? VARIABLES[id] : 'TBS_MARKET_DATA_BASE_URL';
    const value = env[name];
    if (!value) continue;
    // Refused at start rather than at the first quote: a typo here would otherwise read as "provider unreachable".
    if (!/^https?:\/\/[^\s/]+/.test(value)) throw new AppError('INVALID_REQUEST', `${name} is not an http(s) URL: ${value}`);
    const plainText = plainTextEnvUrlWarning(name, value, env);
    if (plainText) {
      // Once per variable, though TBS_MARKET_DATA_BASE_URL stands for all four providers.
      if (!warned.has(name)) warn(plainText);
      warned.add(name);
      continue;
    }
    urls[id] = value;
  }
  return urls;
}
