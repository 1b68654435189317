// `providers:*` through the real dispatcher (contract validation and response parsing) over the real service: a
// key goes in and never comes back out in any answer, and requests the contract refuses never reach the keychain.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS, type ApiResponse } from '../../src-shared';
import { VenueDirectory } from '../exchanges';
import { MarketDataService } from '../market-data';
import { MemorySecretStore } from '../secrets/testing';
import { openDatabase, SettingsRepository, type SqliteDatabase } from '../storage';
import { createDispatcher, type Handlers } from './dispatcher';
import { providersHandlers } from './providers-handlers';
import { TransportSession } from './session';

const KEY = 'av-KEY-0d9c8b7a6f5e-secret';
const session = new TransportSession('s1', () => {});

let db: SqliteDatabase;
let secrets: MemorySecretStore;
let dispatch: (channel: string, payload: unknown) => Promise<ApiResponse>;

beforeEach(() => {
  db = openDatabase(':memory:');
  secrets = new MemorySecretStore();
  // Unreachable base URLs: these tests never need an answer from a provider, and must never reach the internet.
  const closed = 'http://127.0.0.1:9';
  const marketData = new MarketDataService({
    db,
    settings: new SettingsRepository(db),
    secrets,
    venues: new VenueDirectory(),
    urls: { coinmarketcap: closed, yahoo: closed, 'alpha-vantage': closed, polygon: closed },
  });
  const refuse = () => {
    throw new Error('not part of this test');
  };
  const others = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
  const dispatcher = createDispatcher({ ...others, ...providersHandlers({ marketData }) });
  dispatch = (channel, payload) => dispatcher.dispatch(channel, payload, session);
});

afterEach(() => db.close());

describe('market-data handlers', () => {
  it('answers set-key, providers, remove-key and quote without ever echoing the key', async () => {
    const set = await dispatch('providers:set-key', { provider: 'alpha-vantage', apiKey: KEY });
    expect(set).toMatchObject({ ok: true, result: { id: 'alpha-vantage', keySet: true } });
    const answers = [
      set,
      await dispatch('providers:list', {}),
      await dispatch('providers:set-priority', { priority: ['alpha-vantage'] }),
      await dispatch('providers:quote', { symbol: 'BTC/USDT' }),
      await dispatch('providers:compare', { symbol: 'BTC/USDT' }),
      await dispatch('providers:remove-key', { provider: 'alpha-vantage' }),
    ];
    for (const answer of answers) expect(answer.ok).toBe(true);
    expect(JSON.stringify(answers)).not.toContain(KEY);
    expect(answers.at(-1)).toMatchObject({ ok: true, result: { keySet: false } });
  });

  it('refuses a key for an exchange, an empty key and unknown providers before touching the keychain', async () => {
    for (const payload of [
      { provider: 'binance', apiKey: KEY },
      { provider: 'alpha-vantage', apiKey: '   ' },
      { provider: 'bloomberg', apiKey: KEY },
      { provider: 'alpha-vantage', apiKey: KEY, extra: 1 },
    ]) {
      const answer = await dispatch('providers:set-key', payload);
      expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
      expect(JSON.stringify(answer)).not.toContain(KEY);
    }
    expect(await dispatch('providers:set-priority', { priority: ['nasdaq'] })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(secrets.entries()).toEqual([]);
  });

  it('reports every source\'s failure in a quote when none can answer', async () => {
    const answer = await dispatch('providers:quote', { symbol: 'BTC/USDT' });
    if (!answer.ok) throw new Error(answer.error.message);
    const result = answer.result as { quote?: unknown; failures: Array<{ provider: string; code: string }> };
    expect(result.quote).toBeUndefined();
    expect(result.failures.map((f) => [f.provider, f.code])).toEqual([
      ['yahoo', 'VENUE_UNAVAILABLE'],
      ['coinmarketcap', 'AUTH_FAILED'],
      ['polygon', 'AUTH_FAILED'],
      ['alpha-vantage', 'AUTH_FAILED'],
    ]);
  });
});
