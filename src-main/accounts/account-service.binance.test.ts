// AccountService with the REAL ccxt adapter (the factory of src-main/exchanges) against the fake Binance on
// 127.0.0.1: the private call that validates the keys is a real signed GET /api/v3/account, and a refused key is
// Binance's own -2015 answer.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared';
import { createExchangeAdapter, VenueDirectory } from '../exchanges';
import { startFakeBinance, TEST_ACCOUNT, type FakeBinance } from '../../fakes/binance';
import { MemorySecretStore } from '../secrets/testing';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { AccountRepository } from './account-repository';
import { AccountService } from './account-service';

const temp = useTempDatabases();
let binance: FakeBinance;
beforeEach(async () => {
  binance = await startFakeBinance();
});
afterEach(async () => {
  await binance.close();
});

function world(file = ':memory:', secrets = new MemorySecretStore()) {
  const venues = new VenueDirectory();
  const db = temp.open(file);
  const service = new AccountService({
    repository: new AccountRepository(db),
    secrets,
    connect: createExchangeAdapter,
    venues,
    supportedVenues: ['binance'],
    warn: () => {},
  });
  return { db, venues, secrets, service };
}

const privateCalls = (): number => binance.log.count({ method: 'GET', path: '/api/v3/account' });

describe('AccountService with the real Binance adapter', () => {
  it('validates the keys with a signed balance call, saves them, and serves Binance market data', async () => {
    const { service, secrets, venues } = world();
    const summary = await service.add({ venue: 'binance', apiKey: TEST_ACCOUNT.apiKey, secret: TEST_ACCOUNT.secret, restBaseUrl: binance.url });
    expect(summary).toMatchObject({ status: 'connected', restBaseUrl: binance.url });
    expect(privateCalls()).toBe(1);
    expect(secrets.entries()).toHaveLength(1);
    expect(await venues.get('binance').ticker('BTC/USDT')).toMatchObject({ venue: 'binance', symbol: 'BTC/USDT' });
    await service.close();
  });

  it('saves nothing when Binance refuses the key', async () => {
    const { service, secrets, db } = world();
    const error = await service
      .add({ venue: 'binance', apiKey: 'revokedKey0123456789', secret: TEST_ACCOUNT.secret, restBaseUrl: binance.url })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'AUTH_FAILED', message: expect.stringContaining('Binance refused the API key') });
    expect((error as AppError).message).not.toContain('revokedKey0123456789');
    expect(privateCalls()).toBe(1);
    expect(secrets.entries()).toEqual([]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM accounts').get()).toEqual({ n: 0 });
  });

  it('refuses a base URL with a query string before any request leaves, and saves nothing', async () => {
    const { service, secrets } = world();
    const error = await service
      .add({ venue: 'binance', apiKey: TEST_ACCOUNT.apiKey, secret: TEST_ACCOUNT.secret, restBaseUrl: `${binance.url}/?via=proxy` })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'INVALID_REQUEST', message: expect.stringMatching(/REST base URL/) });
    expect(binance.log.entries).toEqual([]);
    expect(secrets.entries()).toEqual([]);
  });

  it('reconnects a saved account at the next start with the keys from the keychain', async () => {
    const file = `${temp.folder()}/app.sqlite`;
    const first = world(file);
    await first.service.add({ venue: 'binance', apiKey: TEST_ACCOUNT.apiKey, secret: TEST_ACCOUNT.secret, restBaseUrl: binance.url });
    await first.service.close();
    first.db.close();

    const next = world(file, first.secrets);
    await next.service.restore();
    expect(next.service.list()).toMatchObject([{ venue: 'binance', status: 'connected' }]);
    expect(privateCalls()).toBe(2);
    expect(await next.venues.get('binance').ticker('ETH/USDT')).toMatchObject({ venue: 'binance', symbol: 'ETH/USDT' });
    await next.service.close();
  });
});
