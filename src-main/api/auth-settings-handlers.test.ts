// `auth:settings` and `auth:update-settings` through the real dispatcher, on a real SQLite settings table: the
// request is validated in main (types, sizes, unknown fields), a half-filled section is refused naming what is
// missing, a refused request saves nothing, a viewer may do neither, and a valid one turns sign-in on at once.
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS, type Role } from '../../src-shared';
import { AuthService, SignInSettingsService } from '../auth';
import { InProcessEventBus } from '../events';
import { MemorySecretStore } from '../secrets/testing';
import { openDatabase, SettingsRepository, type SqliteDatabase } from '../storage';
import { recordingLogger } from '../storage/testing/temp-databases';
import { authHandlers } from './auth-handlers';
import { createDispatcher, type Handlers } from './dispatcher';
import { TransportSession } from './session';

const opened: { db: SqliteDatabase; auth: AuthService }[] = [];
afterEach(() => {
  for (const { db, auth } of opened.splice(0)) {
    auth.close();
    db.close();
  }
});

function setup() {
  const db = openDatabase(':memory:');
  const settings = new SettingsRepository(db, recordingLogger());
  const signInSettings: SignInSettingsService = new SignInSettingsService({ settings, environment: undefined, apply: (config): Promise<unknown> => auth.configure(config) });
  const auth: AuthService = new AuthService({ config: undefined, secrets: new MemorySecretStore(), bus: new InProcessEventBus(), log: () => {} });
  opened.push({ db, auth });
  const refuse = () => {
    throw new Error('not part of this test');
  };
  const others = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
  const dispatcher = createDispatcher({ ...others, ...authHandlers({ auth, signInSettings }) });
  const call = (channel: string, payload: unknown, role: Role = 'operator') => dispatcher.dispatch(channel, payload, new TransportSession('s', () => {}, role));
  return { settings, call };
}

const VALID = { issuer: 'tenant.eu.auth0.com', clientId: 'abc123', audience: 'https://api.tradebot.example' };

describe('sign-in settings channels', () => {
  it('saves a valid section and sign-in is configured at once; an empty one removes it', async () => {
    const { settings, call } = setup();
    expect(await call('auth:settings', {})).toEqual({ ok: true, result: { source: 'none' } });
    expect(await call('auth:update-settings', { ...VALID, clientId: '  abc123 ' })).toEqual({ ok: true, result: { source: 'settings', values: VALID } });
    expect(await call('auth:status', {})).toMatchObject({ ok: true, result: { configured: true, state: 'signed-out' } });
    expect(settings.all()).toEqual(['auth.sign-in']);
    // Omitted fields are empty: `{}` clears the section like three empty fields.
    expect(await call('auth:update-settings', {})).toEqual({ ok: true, result: { source: 'none' } });
    expect(await call('auth:status', {})).toMatchObject({ ok: true, result: { configured: false } });
    expect(settings.all()).toEqual([]);
  });

  it.each([
    ['a half-filled section', { issuer: VALID.issuer }, /set the client id and the audience too/],
    ['plain http to another machine', { ...VALID, issuer: 'http://tenant.eu.auth0.com' }, /must use https/],
    ['an unknown field', { ...VALID, clientSecret: 'no secrets here' }, /clientSecret|unrecognized/i],
    ['a number for the client id', { ...VALID, clientId: 42 }, /clientId/],
    ['an issuer over 256 characters', { ...VALID, issuer: `${'a'.repeat(260)}.auth0.com` }, /issuer/],
    ['not an object', 'tenant.eu.auth0.com', /./],
  ])('refuses %s with INVALID_REQUEST and saves nothing', async (_what, payload, message) => {
    const { settings, call } = setup();
    const answer = await call('auth:update-settings', payload);
    expect(answer).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST', message: expect.stringMatching(message) } });
    expect(settings.all()).toEqual([]);
    expect(await call('auth:status', {})).toMatchObject({ ok: true, result: { configured: false } });
  });

  it('is the operator’s only: a viewer can neither read nor change where the app signs in', async () => {
    const { settings, call } = setup();
    expect(await call('auth:settings', {}, 'viewer')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await call('auth:update-settings', VALID, 'viewer')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(settings.all()).toEqual([]);
  });
});
