// Accounts reconnect on their own, with the REAL ccxt adapter against the fake Binance on 127.0.0.1: a saved account
// whose venue is unreachable at start (connections reset, then 503s) is `offline`, probed by its venue's link at a
// slow pace, and connected the moment Binance answers — no Test pressed. Refused keys are not retried.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createExchangeAdapter, VenueDirectory } from '../exchanges';
import { startFakeBinance, TEST_ACCOUNT, type FakeBinance } from '../../fakes/binance';
import { ResilienceRegistry, resilientAccount, VenueLink } from '../resilience';
import { MemorySecretStore } from '../secrets/testing';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { AccountRepository } from './account-repository';
import { AccountService } from './account-service';

const temp = useTempDatabases();
const PROBE_EVERY_MS = 80;
let binance: FakeBinance;
beforeEach(async () => {
  binance = await startFakeBinance();
});
afterEach(async () => {
  await binance.close();
});

function world(file: string, secrets: MemorySecretStore, link?: VenueLink) {
  const venues = new VenueDirectory();
  const service = new AccountService({
    repository: new AccountRepository(temp.open(file)),
    secrets,
    connect: createExchangeAdapter,
    venues,
    supportedVenues: ['binance'],
    ...(link ? { link: () => link } : {}),
    warn: () => {},
  });
  return { venues, service };
}

const privateCalls = (): number => binance.log.count({ method: 'GET', path: '/api/v3/account' });
const eventually = (check: () => void) => vi.waitFor(check, { timeout: 10_000, interval: 10 });

async function savedAccount(apiKey = TEST_ACCOUNT.apiKey) {
  const file = `${temp.folder()}/app.sqlite`;
  const secrets = new MemorySecretStore();
  const first = world(file, secrets);
  await first.service.add({ venue: 'binance', apiKey: TEST_ACCOUNT.apiKey, secret: TEST_ACCOUNT.secret, restBaseUrl: binance.url });
  await first.service.close();
  if (apiKey !== TEST_ACCOUNT.apiKey) {
    // The key revoked on the venue's side since: the keychain holds one Binance no longer accepts.
    const [[entry, secret]] = secrets.entries() as [[string, string]];
    await secrets.set(entry, secret.replace(TEST_ACCOUNT.apiKey, apiKey));
  }
  return { file, secrets };
}

describe('an account whose venue cannot be reached', () => {
  it('starts offline, is probed at the slow pace, and connects by itself when Binance answers again', async () => {
    const { file, secrets } = await savedAccount();
    // Binance away: the connection is reset, then it answers 503 — both heal by themselves.
    binance.inject({ kind: 'reset', path: '/api/v3/account', times: 2 });
    binance.inject({ kind: '5xx', status: 503, path: '/api/v3/account', times: 10_000 });
    const link = new VenueLink('binance', { probeEveryMs: PROBE_EVERY_MS, jitter: 0.2 });
    const { service, venues } = world(file, secrets, link);
    const reachable = vi.fn();
    link.onReachable(reachable);
    await service.restore();

    const [offline] = service.list();
    expect(offline).toMatchObject({ status: 'offline', problem: { retryable: true } });
    expect(offline!.retryAt).toBeGreaterThan(Date.now() - 1_000);
    expect(() => venues.get('binance')).toThrow();
    const callsAtStart = privateCalls();
    const waitStart = Date.now();
    await eventually(() => expect(link.probes).toBeGreaterThanOrEqual(3));
    expect(service.list()[0]!.status).toBe('offline');
    // One private call per probe (the account's own connect is the probe), at the slow pace, not a tight loop.
    const elapsed = Date.now() - waitStart;
    expect(privateCalls() - callsAtStart).toBeLessThanOrEqual(Math.ceil(elapsed / (PROBE_EVERY_MS * 0.8)) + 2);

    binance.faults.clear();
    await eventually(() => expect(service.list()[0]!.status).toBe('connected'));
    expect(service.list()[0]!.problem).toBeUndefined();
    expect(reachable).toHaveBeenCalledTimes(1);
    expect(link.state.state).toBe('live');
    expect(await venues.get('binance').ticker('BTC/USDT')).toMatchObject({ venue: 'binance', symbol: 'BTC/USDT' });
    await service.close();
  });

  it('does not retry refused keys, and says what to do', async () => {
    const { file, secrets } = await savedAccount('revokedKey0123456789');
    const link = new VenueLink('binance', { probeEveryMs: PROBE_EVERY_MS });
    const { service } = world(file, secrets, link);
    await service.restore();
    const calls = privateCalls();
    const [account] = service.list();
    expect(account).toMatchObject({ status: 'needs-attention', problem: { code: 'AUTH_FAILED' } });
    expect(account!.problem!.message).toMatch(/Not retried: replace the keys/);
    expect(link.state.state).toBe('rejected');
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS * 4));
    expect(privateCalls()).toBe(calls);
    await service.close();
  });
});

describe('a connected account whose venue then fails', () => {
  async function connected(resilient = true) {
    const { file, secrets } = await savedAccount();
    const link = new VenueLink('binance', { probeEveryMs: PROBE_EVERY_MS, jitter: 0.2 });
    // The breaker's cooldown shortened like the probe's pace (30 s in the app).
    const registry = new ResilienceRegistry({ breaker: { cooldownMs: 200 }, retry: { baseDelayMs: 20, maxDelayMs: 100 } });
    const venues = new VenueDirectory();
    const service = new AccountService({
      repository: new AccountRepository(temp.open(file)),
      secrets,
      // The app's own path: the real ccxt adapter behind the venue's breaker, retry and rate budget.
      connect: (venue, credentials, options) =>
        resilient
          ? resilientAccount(createExchangeAdapter(venue, credentials, { ...options, enableRateLimit: false }), registry)
          : createExchangeAdapter(venue, credentials, options),
      venues,
      supportedVenues: ['binance'],
      link: () => link,
      warn: () => {},
    });
    const connectedAgain = vi.fn();
    service.onConnected(connectedAgain);
    await service.restore();
    expect(service.list()[0]!.status).toBe('connected');
    connectedAgain.mockClear();
    return { service, venues, link, connectedAgain };
  }

  it('goes offline on its venue\'s link when Binance answers 5xx, and is connected again by the probe', async () => {
    const { service, venues, link, connectedAgain } = await connected();
    binance.inject({ kind: '5xx', status: 503, path: '/api/v3/account', times: 10_000 });
    await expect(venues.trading('binance').balance()).rejects.toThrow();
    expect(service.list()[0]).toMatchObject({ status: 'offline', problem: { retryable: true } });
    expect(link.state.state).toBe('offline');
    await eventually(() => expect(link.probes).toBeGreaterThanOrEqual(2));
    expect(service.list()[0]!.status).toBe('offline');
    expect(connectedAgain).not.toHaveBeenCalled();

    binance.faults.clear();
    await eventually(() => expect(service.list()[0]!.status).toBe('connected'));
    expect(service.list()[0]!.problem).toBeUndefined();
    expect(link.state.state).toBe('live');
    // Its listeners run again: the order service reconciles the venue, the kill switch sweeps it.
    expect(connectedAgain).toHaveBeenCalledTimes(1);
    expect(connectedAgain).toHaveBeenCalledWith('binance');
    expect((await venues.trading('binance').balance()).find((b) => b.asset === 'USDT')).toBeDefined();
    await service.close();
  });

  it('goes offline when the connection is reset, and keys refused later are not retried', async () => {
    const { service, venues, link } = await connected();
    binance.inject({ kind: 'reset', path: '/api/v3/account', times: 10_000 });
    await expect(venues.trading('binance').balance()).rejects.toThrow();
    expect(service.list()[0]!.status).toBe('offline');

    binance.faults.clear();
    await eventually(() => expect(service.list()[0]!.status).toBe('connected'));
    binance.replaceSecret(TEST_ACCOUNT.apiKey, 'regeneratedSecret0123456789abcdef');
    await expect(venues.trading('binance').balance()).rejects.toMatchObject({ code: 'AUTH_FAILED' });
    const [account] = service.list();
    expect(account).toMatchObject({ status: 'needs-attention', problem: { code: 'AUTH_FAILED' } });
    expect(account!.problem!.message).toMatch(/Not retried: replace the keys/);
    expect(link.state.state).toBe('rejected');
    const calls = privateCalls();
    await new Promise((resolve) => setTimeout(resolve, PROBE_EVERY_MS * 4));
    expect(privateCalls()).toBe(calls);
    await service.close();
  });
});
