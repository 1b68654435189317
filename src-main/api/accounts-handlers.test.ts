// The accounts channels through the real dispatcher: bad input is refused by the contract before the service runs,
// and no response — success or failure — carries a secret back.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-shared';
import { AccountRepository, AccountService } from '../accounts';
import { fakeExchanges } from '../accounts/testing/fake-exchange';
import { VenueDirectory } from '../exchanges';
import { MemorySecretStore } from '../secrets/testing';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { accountsHandlers } from './accounts-handlers';
import { createDispatcher, type Handlers } from './dispatcher';
import type { ApiServices } from './services';
import { TransportSession } from './session';

const temp = useTempDatabases();
const session = new TransportSession('s1', () => {});
const KEY = 'dispatcher-key-0042';
const SECRET = 'dispatcher-secret-9137';

function setup() {
  const secrets = new MemorySecretStore();
  const fakes = fakeExchanges({ binance: [KEY] });
  const accounts = new AccountService({
    repository: new AccountRepository(temp.open(join(temp.folder(), 'app.sqlite'))),
    secrets,
    connect: fakes.connect,
    venues: new VenueDirectory(),
    supportedVenues: ['binance', 'gate', 'mexc'],
    warn: () => {},
  });
  const refuse = () => {
    throw new Error('not part of this test');
  };
  const others = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
  const dispatcher = createDispatcher({ ...others, ...accountsHandlers({ accounts, secrets } as unknown as ApiServices) });
  return { secrets, fakes, dispatcher, call: (channel: string, payload: unknown) => dispatcher.dispatch(channel, payload, session) };
}

describe('accounts channels', () => {
  it('refuses to add or test an account while the key file is locked, before any call to the venue', async () => {
    const { call, secrets, fakes } = setup();
    secrets.lock('the passphrase');
    const response = await call('accounts:add', { venue: 'binance', label: 'x', apiKey: KEY, secret: SECRET });
    expect(response).toMatchObject({ ok: false, error: { code: 'SECRETS_LOCKED', message: expect.stringContaining('locked: enter the passphrase') } });
    expect(await call('accounts:test', { id: 'any' })).toMatchObject({ ok: false, error: { code: 'SECRETS_LOCKED' } });
    expect(fakes.connections).toEqual([]);

    await secrets.unlock('the passphrase');
    expect(await call('accounts:add', { venue: 'binance', label: 'x', apiKey: KEY, secret: SECRET })).toMatchObject({ ok: true });
  });

  it.each([
    ['an unknown venue', { venue: 'nasdaq' }],
    ['an empty key', { apiKey: '' }],
    ['a missing secret', { secret: undefined }],
    ['a bad REST URL', { restBaseUrl: 'not a url' }],
    ['sandbox as text', { sandbox: 'yes' }],
    ['an extra field', { secretKey: SECRET }],
  ])('refuses %s with INVALID_REQUEST, echoing no secret and saving nothing', async (_what, change) => {
    const { call, secrets, fakes } = setup();
    const response = await call('accounts:add', { venue: 'binance', label: 'x', apiKey: KEY, secret: SECRET, sandbox: false, ...change });
    expect(response).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', retryable: false } });
    expect(JSON.stringify(response)).not.toContain(SECRET);
    expect(fakes.connections).toEqual([]);
    expect(secrets.entries()).toEqual([]);
    expect(await call('accounts:list', {})).toEqual({ ok: true, result: { accounts: [], venues: ['binance', 'gate', 'mexc'] } });
  });

  it('adds, lists, tests and removes an account without any response carrying a key or secret', async () => {
    const { call, secrets } = setup();
    const responses = [];
    const added = await call('accounts:add', { venue: 'binance', label: 'Main', apiKey: KEY, secret: SECRET, password: 'dispatcher-pass', sandbox: true });
    expect(added).toMatchObject({ ok: true, result: { venue: 'binance', status: 'connected', apiKeySet: true, passwordSet: true } });
    const id = added.ok ? (added.result as { id: string }).id : '';
    responses.push(added, await call('accounts:list', {}), await call('accounts:test', { id }));
    expect(secrets.entries()).toHaveLength(1); // the keys are in the keychain…
    for (const response of responses) {
      expect(response.ok).toBe(true);
      for (const secret of [KEY, SECRET, 'dispatcher-pass']) expect(JSON.stringify(response)).not.toContain(secret); // …and only there
    }
    expect(await call('accounts:remove', { id })).toEqual({ ok: true, result: { removed: true } });
    expect(secrets.entries()).toEqual([]);
    expect(await call('accounts:remove', { id })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  it('answers a refused key with AUTH_FAILED and no trace of the key', async () => {
    const { call, secrets } = setup();
    const response = await call('accounts:add', { venue: 'binance', apiKey: 'wrong-key-55555', secret: SECRET, sandbox: false });
    expect(response).toMatchObject({ ok: false, error: { code: 'AUTH_FAILED' } });
    expect(JSON.stringify(response)).not.toContain('wrong-key-55555');
    expect(secrets.entries()).toEqual([]);
  });
});
