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

  it('ignores an http:// URL to another machine with one warning per variable, unless TBS_ALLOW_PLAIN_HTTP=1', () => {
    const warnings: string[] = [];
    const env = { TBS_MARKET_DATA_BASE_URL: 'http://mirror.example.com:8080', TBS_POLYGON_URL: 'https://polygon-proxy.example.com' };
    expect(providerUrlsFromEnv(env, (line) => warnings.push(line))).toEqual({ polygon: 'https://polygon-proxy.example.com' });
    expect(warnings).toEqual([
      'TBS_MARKET_DATA_BASE_URL=http://mirror.example.com:8080 ignored: it is not encrypted and not this machine, so keys ' +
        'would cross the network in clear text; using the default address instead (use https://, or set TBS_ALLOW_PLAIN_HTTP=1 to allow it)',
    ]);

    const allowed: string[] = [];
    expect(providerUrlsFromEnv({ ...env, TBS_ALLOW_PLAIN_HTTP: '1' }, (line) => allowed.push(line))).toMatchObject({ yahoo: 'http://mirror.example.com:8080' });
    expect(allowed).toEqual([]);
  });

  it('keeps http:// on loopback without asking (the tests\' fakes live there)', () => {
    const warnings: string[] = [];
    expect(providerUrlsFromEnv({ TBS_YAHOO_URL: 'http://localhost:4010' }, (line) => warnings.push(line))).toEqual({ yahoo: 'http://localhost:4010' });
    expect(warnings).toEqual([]);
  });
});
