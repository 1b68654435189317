import { describe, expect, it } from 'vitest';
import { providerUrlsFromEnv } from './config';

describe('providerUrlsFromEnv', () => {
  it('points every data API at one base, with per-provider variables winning', () => {
    expect(
      providerUrlsFromEnv({ TBS_MARKET_DATA_BASE_URL: 'http://127.0.0.1:4010', TBS_POLYGON_URL: 'http://127.0.0.1:4011' }),
    ).toEqual({
      coinmarketcap: 'http://127.0.0.1:4010',
      yahoo: 'http://127.0.0.1:4010',
      'alpha-vantage': 'http://127.0.0.1:4010',
      polygon: 'http://127.0.0.1:4011',
    });
    expect(providerUrlsFromEnv({})).toEqual({});
  });

  it('refuses a value that is not an http(s) URL, naming the variable', () => {
    expect(() => providerUrlsFromEnv({ TBS_YAHOO_URL: 'query1.finance.yahoo.com' })).toThrow(/TBS_YAHOO_URL is not an http\(s\) URL/);
  });
});
