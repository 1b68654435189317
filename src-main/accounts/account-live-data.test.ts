// A connected account's live data: real ccxt.pro on the account's own endpoints (here a fake Binance stream on
// 127.0.0.1), registered with the venue and closed with the account.
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Candle, NewAccount } from '../../src-shared';
import { openCcxtLiveSource, VenueDirectory } from '../exchanges';
import { MemorySecretStore } from '../secrets/testing';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { FakeBinanceStream } from '../../fakes/binance';
import { AccountRepository } from './account-repository';
import type { OpenLiveData } from './account-connections';
import { AccountService } from './account-service';
import { fakeExchanges } from './testing/fake-exchange';

const temp = useTempDatabases();
const KEY = 'binance-key-7Hq2LmZ';
let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

function service(openLiveData: OpenLiveData) {
  const venues = new VenueDirectory();
  const warnings: string[] = [];
  const accounts = new AccountService({
    repository: new AccountRepository(temp.open(join(temp.folder(), 'app.sqlite'))),
    secrets: new MemorySecretStore(),
    connect: fakeExchanges({ binance: [KEY] }).connect,
    openLiveData,
    venues,
    supportedVenues: ['binance'],
    warn: (message) => warnings.push(message),
  });
  cleanup.push(() => accounts.close());
  return { accounts, venues, warnings };
}

const account = (fake: FakeBinanceStream): NewAccount => ({
  venue: 'binance',
  apiKey: KEY,
  secret: 'binance-secret-Xv81kPq0zz',
  sandbox: false,
  restBaseUrl: fake.restBase,
  wsBaseUrl: `ws://127.0.0.1:${fake.port}`,
});

describe('live data of a connected account', () => {
  it('streams candles from the account\'s WebSocket URL, and closes its sockets when the account is removed', async () => {
    const fake = await new FakeBinanceStream({ seed: 3 }).start();
    cleanup.push(() => fake.stop());
    const { accounts, venues } = service(openCcxtLiveSource);
    const added = await accounts.add(account(fake));

    const live = venues.liveSource('binance');
    expect(live).toBeDefined();
    const received: Candle[] = [];
    const stop = live!.watchCandles('BTC/USDT', '1m', (update) => received.push(update.candle));
    const timer = setInterval(() => fake.step(1_000), 5);
    cleanup.push(() => clearInterval(timer), stop);
    await vi.waitFor(() => expect(received.length).toBeGreaterThan(2), { timeout: 10_000, interval: 10 });
    // The candles are the fake's, sent over its socket: nothing else was asked.
    await vi.waitFor(() => expect(received.at(-1)!.close).toBe(fake.market.current('BTCUSDT').close), { timeout: 10_000, interval: 10 });
    expect(fake.subscribed().has('btcusdt@kline_1m')).toBe(true);

    await accounts.remove(added.id);
    expect(venues.liveSource('binance')).toBeUndefined();
    await vi.waitFor(() => expect(fake.openSockets).toBe(0), { timeout: 10_000, interval: 10 });
  });

  it('still adds an account whose live data cannot open, says why, and leaves its charts on history', async () => {
    const fake = await new FakeBinanceStream().start();
    cleanup.push(() => fake.stop());
    const { accounts, venues, warnings } = service(async () => {
      throw new Error('stream endpoint refused');
    });
    const added = await accounts.add(account(fake));
    expect(added.status).toBe('connected');
    expect(venues.summaries().find((v) => v.id === 'binance')?.available).toBe(true);
    expect(venues.liveSource('binance')).toBeUndefined();
    expect(warnings).toEqual([expect.stringContaining('live data of "Binance" (binance) is unavailable: stream endpoint refused')]);
  });
});
