// MarketDataService on a real SQLite file with the keychain port (in-memory store): keys go to the keychain only,
// are reported as "set" and never appear in an answer or in the database file; the priority order survives a
// restart; a newly connected exchange joins the sources; candles fall back to the store when every source fails.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { VenueDirectory } from '../exchanges';
import { MemorySecretStore } from '../secrets/testing';
import { SettingsRepository, type SqliteDatabase } from '../storage';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { keyAccount } from './provider-keys';
import { MarketDataService } from './service';
import { polygonAggs, T0 } from '../../fakes/data-providers/documented-json';
import { startFakeApis, urlsOf, type FakeApis } from '../../fakes/data-providers';
import { ScriptedVenue, venueDown } from './testing/scripted-venue';

const temp = useTempDatabases();
const CMC_KEY = 'cmc-7a1f0c9e-secret-value';
const POLYGON_KEY = 'pg-Zx81KqPLm02-secret';

let apis: FakeApis;
let secrets: MemorySecretStore;
let venues: VenueDirectory;
let file: string;

beforeEach(async () => {
  apis = await startFakeApis();
  secrets = new MemorySecretStore();
  venues = new VenueDirectory();
  file = join(temp.folder(), 'app.sqlite');
});

function service(db: SqliteDatabase = temp.open(file)): MarketDataService {
  return new MarketDataService({ db, settings: new SettingsRepository(db), secrets, venues, urls: urlsOf(apis), now: () => T0 + 1_000 });
}

/** The database file and its write-ahead log, as bytes. */
function databaseBytes(): string {
  return [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f).toString('latin1')).join('');
}

describe('MarketDataService keys', () => {
  it('stores a key in the keychain under the provider, answers only "key set", and uses it on calls', async () => {
    const md = service();
    const info = await md.setKey('coinmarketcap', CMC_KEY);
    expect(info).toMatchObject({ id: 'coinmarketcap', needsKey: true, keySet: true });
    expect(secrets.entries()).toEqual([[keyAccount('coinmarketcap'), CMC_KEY]]);

    await md.setPriority(['coinmarketcap']);
    const quote = await md.quote('BTC/USDT');
    expect(quote.quote?.provider).toBe('coinmarketcap');
    expect(apis.coinmarketcap.requests[0]?.headers['x-cmc_pro_api_key']).toBe(CMC_KEY);

    const answers = [info, quote, await md.state(), await md.compare('BTC/USDT')];
    expect(JSON.stringify(answers)).not.toContain(CMC_KEY);
  });

  it('never writes a key to the SQLite file, and removing it makes the provider skipped for want of a key', async () => {
    const md = service();
    await md.setKey('coinmarketcap', CMC_KEY);
    await md.setKey('polygon', POLYGON_KEY);
    await md.setPriority(['polygon', 'coinmarketcap', 'yahoo']);
    await md.compare('BTC/USDT');
    expect(databaseBytes()).not.toContain(CMC_KEY);
    expect(databaseBytes()).not.toContain(POLYGON_KEY);
    expect(databaseBytes()).toContain('market-data.priority'); // the scan does see what was written

    const removed = await md.removeKey('polygon');
    expect(removed.keySet).toBe(false);
    expect(secrets.entries().map(([account]) => account)).toEqual([keyAccount('coinmarketcap')]);
    const after = await md.quote('BTC/USDT');
    expect(after.failures[0]).toMatchObject({ provider: 'polygon', called: false, code: 'AUTH_FAILED' });
    expect(after.quote?.provider).toBe('coinmarketcap');
  });

  it('lists the sources even when the keychain is locked, with keys shown as not set', async () => {
    const md = service();
    await md.setKey('coinmarketcap', CMC_KEY);
    const locked = service();
    secrets.fail('get');
    const state = await locked.state();
    expect(state.providers.find((p) => p.id === 'coinmarketcap')?.keySet).toBe(false);
    const quote = await locked.setPriority(['coinmarketcap', 'yahoo']).then(() => locked.quote('BTC/USDT'));
    expect(quote.failures[0]).toMatchObject({ provider: 'coinmarketcap', called: false, code: 'SECRETS_UNAVAILABLE' });
    expect(quote.failures[0]?.message).toBe("CoinMarketCap was not asked: its key can't be read here");
  });
});

describe('MarketDataService priority and sources', () => {
  it('keeps the priority order across a restart, followed by the sources it does not name', async () => {
    const first = service();
    await first.setPriority(['polygon', 'yahoo']);
    temp.open(file).close();
    const state = await service().state();
    expect(state.priority.slice(0, 3)).toEqual(['polygon', 'yahoo', 'binance']);
    expect(state.providers.map((p) => p.id).slice(0, 2)).toEqual(['polygon', 'yahoo']);
    await expect(first.setPriority(['yahoo', 'yahoo'])).rejects.toThrow(/names a source twice/);
  });

  it('adds a connected exchange as a source and describes each source\'s limits', async () => {
    const md = service();
    const before = await md.state();
    expect(before.providers.find((p) => p.id === 'binance')?.available).toBe(false);
    expect(before.providers.find((p) => p.id === 'alpha-vantage')?.rateLimit).toBe('5/min, 25/day requests');
    venues.add({ venue: new ScriptedVenue(), mode: 'live' });
    expect((await md.state()).providers.find((p) => p.id === 'binance')?.available).toBe(true);
    await md.setPriority(['binance']);
    expect((await md.quote('BTC/USDT')).quote).toMatchObject({ provider: 'binance', name: 'Binance', price: 64_005 });
  });
});

describe('MarketDataService candles', () => {
  it('saves fetched candles in the store and serves them from it when every source fails', async () => {
    const h = 3_600_000;
    const bars = [
      { t: T0 - 2 * h, o: 10, h: 12, l: 9, c: 11, v: 3 },
      { t: T0 - h, o: 11, h: 13, l: 10, c: 12, v: 4 },
    ];
    apis.polygon.route = () => ({ body: polygonAggs('X:BTCUSD', bars) });
    const venue = new ScriptedVenue();
    venue.failure = venueDown();
    venues.add({ venue, mode: 'live' });
    const md = service();
    await md.setKey('polygon', POLYGON_KEY);
    await md.setPriority(['binance', 'polygon']);
    const fetched = await md.candles('BTC/USDT', '1h', { limit: 10, before: T0 });
    expect(fetched).toMatchObject({ provider: 'polygon', fromStore: false });
    expect(fetched.failures.map((f) => f.provider)).toEqual(['binance']);

    apis.polygon.route = () => ({ status: 500, body: { status: 'ERROR', error: 'down' } });
    const stored = await md.candles('BTC/USDT', '1h', { limit: 10, before: T0 });
    expect(stored).toMatchObject({ provider: 'polygon', fromStore: true, candles: fetched.candles });
    expect(stored.failures.map((f) => f.provider).slice(0, 2)).toEqual(['binance', 'polygon']);
    expect(stored.candles.map((c) => c.time)).toEqual([T0 - 2 * h, T0 - h]);
  });
});
