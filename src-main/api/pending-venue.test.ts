// A chart of a saved account that is still connecting, or whose venue is down at start, is accepted and waits: the
// subscription says "connecting…" then "offline — retrying in N s", and goes live the moment the account connects —
// with no further call from the UI. Real ccxt (REST against the fake Binance, ccxt.pro against the fake stream).
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EventName } from '../../src-shared';
import { AccountRepository, AccountService } from '../accounts';
import { createExchangeAdapter, openCcxtLiveSource, VenueDirectory } from '../exchanges';
import { FakeBinanceStream, startFakeBinance, TEST_ACCOUNT } from '../../fakes/binance';
import { VenueLink } from '../resilience';
import { MemorySecretStore } from '../secrets/testing';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { CandleStreams, TickerStreams, TradeStreams } from '../streaming';
import { marketHandlers } from './market-handlers';
import { TransportSession } from './session';

const temp = useTempDatabases();
let cleanup: Array<() => unknown> = [];
afterEach(async () => {
  for (const step of cleanup.reverse()) await step();
  cleanup = [];
});

const eventually = (check: () => void) => vi.waitFor(check, { timeout: 15_000, interval: 10 });

async function start() {
  const binance = await startFakeBinance();
  const stream = await new FakeBinanceStream({ seed: 5 }).start();
  const timer = setInterval(() => stream.step(1_000), 5);
  cleanup.push(() => binance.close(), () => stream.stop(), () => clearInterval(timer));
  const file = `${temp.folder()}/app.sqlite`;
  const secrets = new MemorySecretStore();
  const account = { venue: 'binance' as const, apiKey: TEST_ACCOUNT.apiKey, secret: TEST_ACCOUNT.secret, restBaseUrl: binance.url, wsBaseUrl: stream.wsBase };
  // The account was added in an earlier run: only its row and its keys are left.
  const earlier = new AccountService({ repository: new AccountRepository(temp.open(file)), secrets, connect: createExchangeAdapter, venues: new VenueDirectory(), supportedVenues: ['binance'], warn: () => {} });
  await earlier.add(account);
  await earlier.close();

  const link = new VenueLink('binance', { probeEveryMs: 100, jitter: 0.2 });
  const venues = new VenueDirectory();
  const accounts = new AccountService({
    repository: new AccountRepository(temp.open(file)),
    secrets,
    connect: createExchangeAdapter,
    openLiveData: (venue, connection) => openCcxtLiveSource(venue, connection, { link }),
    venues,
    supportedVenues: ['binance'],
    link: () => link,
    warn: () => {},
  });
  const streams = new CandleStreams((id) => venues.liveSource(id));
  const tapes = new TradeStreams((id) => venues.liveSource(id));
  const tickers = new TickerStreams((id) => venues.liveSource(id));
  cleanup.push(() => accounts.close(), () => streams.close(), () => tapes.close(), () => tickers.close(), () => link.close());
  const pushed: Array<{ event: EventName; payload: Record<string, unknown> }> = [];
  const session = new TransportSession('chart', (event, payload) => pushed.push({ event, payload: payload as Record<string, unknown> }));
  cleanup.push(() => session.close());
  return { binance, accounts, venues, handlers: marketHandlers({ venues, streams, tapes, tickers }), session, pushed };
}

describe('a chart of a saved account that is not connected yet', () => {
  it('asked in the first moment of a normal start, while the account is connecting, goes live once it connects', async () => {
    const { accounts, handlers, session, pushed } = await start();
    const restoring = accounts.restore();
    expect(accounts.list()[0]!.status).toBe('connecting');
    const { subscriptionId } = await handlers['market:subscribe']({ venue: 'binance', symbol: 'BTC/USDT', timeframe: '1m' }, session);
    const history = handlers['market:candles']({ venue: 'binance', symbol: 'BTC/USDT', timeframe: '1m', limit: 50 }, session);
    await restoring;
    expect(accounts.list()[0]!.status).toBe('connected');
    await expect(history).resolves.toHaveLength(50);
    await eventually(() => expect(pushed.some((p) => p.event === 'candle.updated' && p.payload['subscriptionId'] === subscriptionId)).toBe(true));
  });

  it('started while the venue is down, says offline with the next try, then goes live when the venue is back', async () => {
    const { binance, accounts, handlers, session, pushed } = await start();
    binance.inject({ kind: '5xx', status: 503, path: '/api/v3/account', times: 10_000 });
    await accounts.restore();
    expect(accounts.list()[0]!.status).toBe('offline');
    const { subscriptionId } = await handlers['market:subscribe']({ venue: 'binance', symbol: 'BTC/USDT', timeframe: '1m' }, session);
    const statuses = () => pushed.filter((p) => p.event === 'stream.status-changed' && p.payload['subscriptionId'] === subscriptionId).map((p) => p.payload);
    await eventually(() => expect(statuses().at(-1)).toMatchObject({ status: 'offline', reason: expect.stringMatching(/^offline — retrying in \d+ s$/) }));
    expect(statuses().at(-1)!['retryAt']).toEqual(expect.any(Number));
    const candles = () => pushed.filter((p) => p.event === 'candle.updated' && p.payload['subscriptionId'] === subscriptionId);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(candles()).toEqual([]);

    binance.faults.clear(); // the venue is back; nobody calls anything
    await eventually(() => expect(accounts.list()[0]!.status).toBe('connected'));
    await eventually(() => expect(candles().length).toBeGreaterThan(2));
  });
});
