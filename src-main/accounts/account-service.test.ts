// AccountService on a real SQLite file with the in-memory SecretStore and fake venues at the ExchangeAdapter port:
// keys are proven by a private call before anything is saved, a failure saves nothing, and no secret ever comes
// back out of the service.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AppError, type NewAccount, type VenueId } from '../../src-shared';
import { VenueDirectory } from '../exchanges';
import { MemorySecretStore } from '../secrets/testing';
import type { SqliteDatabase } from '../storage';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { AccountRepository } from './account-repository';
import { AccountService } from './account-service';
import { credentialsEntry } from './credentials';
import { fakeExchanges, type FakeExchanges } from './testing/fake-exchange';

const temp = useTempDatabases();
const SUPPORTED: VenueId[] = ['binance', 'gate', 'mexc'];
const KEY = 'binance-key-7Hq2LmZ';
const SECRET = 'binance-secret-Xv81kPq0zz';

interface World {
  db: SqliteDatabase;
  file: string;
  secrets: MemorySecretStore;
  venues: VenueDirectory;
  fakes: FakeExchanges;
  service: AccountService;
  warnings: string[];
}

function world(options: { file?: string; secrets?: MemorySecretStore; fakes?: FakeExchanges } = {}): World {
  const file = options.file ?? join(temp.folder(), 'app.sqlite');
  const db = temp.open(file);
  const secrets = options.secrets ?? new MemorySecretStore();
  const venues = new VenueDirectory();
  const fakes = options.fakes ?? fakeExchanges({ binance: [KEY], gate: ['gate-key-1234'], mexc: ['mexc-key-1234'] });
  const warnings: string[] = [];
  let id = 0;
  const service = new AccountService({
    repository: new AccountRepository(db),
    secrets,
    connect: fakes.connect,
    venues,
    supportedVenues: SUPPORTED,
    warn: (message) => warnings.push(message),
    now: () => 1_700_000_000_000,
    newId: () => `acct-${++id}`,
  });
  return { db, file, secrets, venues, fakes, service, warnings };
}

const binance = (change: Partial<NewAccount> = {}): NewAccount => ({ venue: 'binance', label: 'Main', apiKey: KEY, secret: SECRET, sandbox: false, ...change });
const rows = (db: SqliteDatabase) => db.prepare('SELECT * FROM accounts').all();

async function failure(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

function expectNothingSaved(w: World): void {
  expect(rows(w.db)).toEqual([]);
  expect(w.secrets.entries()).toEqual([]);
  expect(w.service.list()).toEqual([]);
  expect(w.venues.summaries().find((v) => v.id === 'binance')?.available).toBe(false);
}

describe('AccountService.add', () => {
  it('tells its connected listeners the venue once the account is attached, and not after they stop listening', async () => {
    const w = world();
    const seen: Array<{ venue: string; available: boolean }> = [];
    const stop = w.service.onConnected((venue) => seen.push({ venue, available: w.venues.summaries().find((v) => v.id === venue)!.available }));
    const added = await w.service.add(binance());
    expect(seen).toEqual([{ venue: 'binance', available: true }]);
    stop();
    await w.service.test(added.id);
    expect(seen).toHaveLength(1);
  });

  it('proves the keys with a private call first, then saves keys in the keychain and a row without secrets', async () => {
    const w = world();
    const seenAtPrivateCall: Array<{ rows: number; secrets: number }> = [];
    w.fakes.onBalance = () => seenAtPrivateCall.push({ rows: rows(w.db).length, secrets: w.secrets.entries().length });

    const summary = await w.service.add(binance({ restBaseUrl: 'http://127.0.0.1:9999', wsBaseUrl: 'ws://127.0.0.1:9998/ws', sandbox: true }));

    expect(seenAtPrivateCall).toEqual([{ rows: 0, secrets: 0 }]); // nothing was saved before the venue said yes
    expect(summary).toEqual({
      id: 'acct-1',
      venue: 'binance',
      label: 'Main',
      sandbox: true,
      restBaseUrl: 'http://127.0.0.1:9999',
      wsBaseUrl: 'ws://127.0.0.1:9998/ws',
      createdAt: 1_700_000_000_000,
      apiKeySet: true,
      secretSet: true,
      passwordSet: false,
      status: 'connected',
    });
    expect(w.fakes.connections[0]).toMatchObject({
      venue: 'binance',
      credentials: { apiKey: KEY, secret: SECRET },
      options: { sandbox: true, restBaseUrl: 'http://127.0.0.1:9999', wsBaseUrl: 'ws://127.0.0.1:9998/ws' },
    });
    expect(w.secrets.entries()).toEqual([[credentialsEntry('acct-1'), JSON.stringify({ apiKey: KEY, secret: SECRET })]]);
    const saved = JSON.stringify(rows(w.db));
    expect(saved).toContain('"venue":"binance"');
    expect(saved).not.toContain(KEY);
    expect(saved).not.toContain(SECRET);
    // The venue is now available for charts, served by the validated adapter (watched for its venue failing).
    const connection = w.fakes.connections[0]!;
    const before = connection.balanceCalls;
    await w.venues.trading('binance').balance();
    expect(connection.balanceCalls).toBe(before + 1);
  });

  it('trims pasted keys, keeps a passphrase as "set", and names an unlabelled account after its venue', async () => {
    const w = world();
    const summary = await w.service.add({ venue: 'binance', apiKey: `  ${KEY}\n`, secret: ` ${SECRET} `, password: 'pass-phrase-1', sandbox: true });
    expect(w.fakes.connections[0]!.credentials).toEqual({ apiKey: KEY, secret: SECRET, password: 'pass-phrase-1' });
    expect(summary).toMatchObject({ label: 'Binance testnet', passwordSet: true });
  });

  it('saves nothing when the venue refuses the keys, and does not repeat the key in the error', async () => {
    const w = world();
    const error = await failure(w.service.add(binance({ apiKey: 'revoked-key-0001' })));
    expect(error.code).toBe('AUTH_FAILED');
    expect(error.message).toContain('refused API-key [redacted]');
    expect(error.message).not.toContain('revoked-key-0001');
    expectNothingSaved(w);
    expect(w.fakes.connections[0]!.closed).toBe(true);
  });

  it.each([
    ['an unknown venue', { venue: 'nasdaq' as VenueId }, /venue/],
    ['the demo venue', { venue: 'demo' as const }, /Demo does not take an account here; supported: Binance, Gate.io, MEXC/],
    ['MetaTrader 5', { venue: 'mt5' as const }, /MetaTrader 5 does not take an account/],
    ['an empty API key', { apiKey: '' }, /apiKey: enter the API key/],
    ['a blank API key', { apiKey: '   ' }, /apiKey: enter the API key/],
    ['an empty secret', { secret: '' }, /secret: enter the API secret/],
    ['a REST URL that is not http', { restBaseUrl: 'ftp://127.0.0.1' }, /restBaseUrl: must be an http/],
    ['a REST URL that is no URL', { restBaseUrl: 'binance' }, /restBaseUrl/],
    ['a WebSocket URL that is http', { wsBaseUrl: 'http://127.0.0.1:1' }, /wsBaseUrl: must be a ws/],
    ['an unknown field', { apiSecret: SECRET } as Partial<NewAccount>, /Unrecognized key/],
    ['an unconfirmed http:// REST URL to another machine', { restBaseUrl: 'http://gateway.example.com:8080' }, /REST base URL http:\/\/gateway\.example\.com:8080 is not encrypted.*Use https:\/\/, or confirm/],
    ['an unconfirmed ws:// URL to another machine', { wsBaseUrl: 'ws://10.0.0.5/ws' }, /WebSocket base URL ws:\/\/10\.0\.0\.5 is not encrypted.*Use wss:\/\//],
    ['plain text refused explicitly', { restBaseUrl: 'http://192.168.1.20', allowInsecure: false }, /not encrypted/],
  ])('refuses %s with INVALID_REQUEST before connecting, and saves nothing', async (_what, change, message) => {
    const w = world();
    const error = await failure(w.service.add(binance(change)));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain(SECRET);
    expect(w.fakes.connections).toEqual([]);
    expectNothingSaved(w);
  });

  it('connects to an http:// or ws:// URL on another machine once the trader confirmed plain text', async () => {
    const w = world();
    const summary = await w.service.add(binance({ restBaseUrl: 'http://gateway.example.com:8080', wsBaseUrl: 'ws://10.0.0.5/ws', allowInsecure: true }));
    expect(summary).toMatchObject({ status: 'connected', restBaseUrl: 'http://gateway.example.com:8080', wsBaseUrl: 'ws://10.0.0.5/ws' });
    expect(w.fakes.connections[0]!.options).toMatchObject({ restBaseUrl: 'http://gateway.example.com:8080', wsBaseUrl: 'ws://10.0.0.5/ws' });
  });

  it('refuses a second account for the same venue, even while the first is still being checked', async () => {
    const w = world();
    const first = w.service.add(binance());
    const racing = await failure(w.service.add(binance({ label: 'Second' })));
    expect(racing.message).toMatch(/Binance already has an account.*one account per exchange/);
    await first;
    const later = await failure(w.service.add(binance({ label: 'Third' })));
    expect(later.message).toContain('Binance already has an account ("Main")');
    expect(rows(w.db)).toHaveLength(1);
    expect(w.fakes.connections).toHaveLength(1);
  });

  it('saves no row when the keychain refuses the keys', async () => {
    const w = world();
    w.secrets.fail('set');
    const error = await failure(w.service.add(binance()));
    expect(error.message).toMatch(/keychain is unavailable/);
    expectNothingSaved(w);
    expect(w.fakes.connections[0]!.closed).toBe(true);
  });

  it('takes the keys back out of the keychain when the row cannot be written', async () => {
    const w = world();
    w.db.exec("CREATE TRIGGER full_disk BEFORE INSERT ON accounts BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END");
    await expect(w.service.add(binance())).rejects.toThrow(/disk is full/);
    expectNothingSaved(w);
    expect(w.fakes.connections[0]!.closed).toBe(true);
  });
});

describe('AccountService.list', () => {
  it('says whether each secret is set, and never holds a secret', async () => {
    const w = world();
    await w.service.add(binance({ password: 'binance-passphrase-77' }));
    await w.service.add({ venue: 'gate', apiKey: 'gate-key-1234', secret: 'gate-secret-5678', sandbox: false });
    const listed = w.service.list();
    expect(listed.map((a) => [a.venue, a.apiKeySet, a.secretSet, a.passwordSet])).toEqual([
      ['binance', true, true, true],
      ['gate', true, true, false],
    ]);
    const text = JSON.stringify(listed);
    for (const secret of [KEY, SECRET, 'binance-passphrase-77', 'gate-key-1234', 'gate-secret-5678']) {
      expect(text).not.toContain(secret);
    }
  });
});

describe('AccountService.remove', () => {
  it('deletes the keychain entry and the row, and makes the venue unavailable again', async () => {
    const w = world();
    const { id } = await w.service.add(binance());
    expect(await w.service.remove(id)).toEqual({ removed: true });
    expectNothingSaved(w);
    expect(w.fakes.connections[0]!.closed).toBe(true);
    expect((await failure(w.service.remove(id))).code).toBe('NOT_FOUND');
  });

  it('keeps the account when the keychain cannot delete its keys, so no key is orphaned', async () => {
    const w = world();
    const { id } = await w.service.add(binance());
    w.secrets.fail('delete');
    await expect(w.service.remove(id)).rejects.toThrow(/keychain is unavailable/);
    expect(rows(w.db)).toHaveLength(1);
    expect(w.secrets.entries()).toHaveLength(1);
    expect(w.venues.get('binance')).toBeDefined();
  });
});

describe('AccountService.test', () => {
  it('re-runs the private call with the stored keys and reports a refusal in the summary', async () => {
    const w = world();
    const { id } = await w.service.add(binance());
    expect(await w.service.test(id)).toMatchObject({ status: 'connected' });
    expect(w.fakes.connections.at(-1)!.credentials).toEqual({ apiKey: KEY, secret: SECRET }); // read back from the keychain

    w.fakes.accepted.get('binance')!.delete(KEY); // the key was revoked on the exchange
    const refused = await w.service.test(id);
    expect(refused).toMatchObject({ status: 'needs-attention', problem: { code: 'AUTH_FAILED', retryable: false } });
    expect(JSON.stringify(refused)).not.toContain(KEY);
    expect(w.service.list()[0]).toMatchObject({ status: 'needs-attention' });

    w.fakes.accepted.get('binance')!.add(KEY);
    expect(await w.service.test(id)).toMatchObject({ status: 'connected' });
    expect(w.service.list()[0]!.problem).toBeUndefined();
    expect((await failure(w.service.test('no-such-id'))).code).toBe('NOT_FOUND');
  });
});

describe('AccountService.restore', () => {
  it('reconnects saved accounts at start and marks the failing ones without stopping', async () => {
    const first = world();
    await first.service.add(binance());
    await first.service.add({ venue: 'gate', apiKey: 'gate-key-1234', secret: 'gate-secret-5678', sandbox: false });
    await first.service.add({ venue: 'mexc', apiKey: 'mexc-key-1234', secret: 'mexc-secret-5678', sandbox: false });
    await first.service.close();
    first.db.close();

    // Next start: Gate revoked its key, and MEXC's keychain entry was deleted outside the app.
    const fakes = fakeExchanges({ binance: [KEY], mexc: ['mexc-key-1234'] });
    await first.secrets.delete(credentialsEntry('acct-3'));
    const next = world({ file: first.file, secrets: first.secrets, fakes });
    await next.service.restore();

    const byVenue = Object.fromEntries(next.service.list().map((a) => [a.venue, a]));
    expect(byVenue.binance).toMatchObject({ status: 'connected', apiKeySet: true });
    expect(byVenue.gate).toMatchObject({ status: 'needs-attention', apiKeySet: true, problem: { code: 'AUTH_FAILED' } });
    expect(byVenue.mexc).toMatchObject({ status: 'needs-attention', apiKeySet: false, secretSet: false, problem: { code: 'AUTH_FAILED' } });
    expect(byVenue.mexc!.problem!.message).toContain('no longer in the system keychain');
    expect(next.venues.summaries().filter((v) => v.available).map((v) => v.id)).toEqual(['binance']);
    expect(next.warnings).toHaveLength(2);
    expect(next.warnings.join('\n')).not.toContain('gate-key-1234');
  });

  it('marks every account when the keychain is unavailable, and the service keeps working', async () => {
    const first = world();
    await first.service.add(binance());
    await first.service.close();
    first.db.close();
    first.secrets.fail('get');

    const next = world({ file: first.file, secrets: first.secrets });
    await next.service.restore();
    expect(next.service.list()).toMatchObject([{ status: 'needs-attention', problem: { message: expect.stringMatching(/keychain is unavailable/) } }]);
    expect(next.fakes.connections).toEqual([]);

    first.secrets.recover(); // the trader unlocked the keychain and pressed Test
    expect(await next.service.test('acct-1')).toMatchObject({ status: 'connected' });
    expect(next.venues.get('binance')).toBeDefined();
  });

  it('waits at a locked start and connects by itself once the keys are unlocked, leaving connected accounts alone', async () => {
    const first = world();
    await first.service.add(binance());
    await first.service.close();
    first.db.close();
    first.secrets.lock('the passphrase');

    const next = world({ file: first.file, secrets: first.secrets });
    await next.service.restore();
    expect(next.service.list()).toMatchObject([
      { status: 'needs-attention', apiKeySet: true, problem: { code: 'SECRETS_LOCKED', message: expect.stringContaining('locked: enter the passphrase') } },
    ]);
    expect(next.fakes.connections).toEqual([]);

    await first.secrets.unlock('the passphrase');
    const reconnecting = next.service.reconnectWaiting();
    expect(next.service.list()).toMatchObject([{ status: 'connecting' }]);
    await reconnecting;
    expect(next.service.list()).toMatchObject([{ status: 'connected' }]);
    expect(next.venues.get('binance')).toBeDefined();
    const connections = next.fakes.connections.length;
    await next.service.reconnectWaiting();
    expect(next.fakes.connections).toHaveLength(connections);
  });
});
