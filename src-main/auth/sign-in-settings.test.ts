// Sign-in configured from the settings screen, against real OpenID providers on 127.0.0.1: the environment wins, a
// half-filled or plain-http section is refused with nothing saved, saving applies without a restart, and changing
// the issuer while signed in signs out first — the refresh token revoked at the issuer that issued it, forgotten, and
// never sent to the new one (every request the app makes is recorded on its HTTP client to prove it).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenIdProvider, type RunningOpenIdProvider } from '../../fakes/openid-provider';
import { ProviderUserAgent } from '../../fakes/openid-provider/user-agent';
import { AppError, SignInSettingsValues } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { MemorySecretStore } from '../secrets/testing';
import { openDatabase, SettingsRepository, type SqliteDatabase } from '../storage';
import { recordingLogger } from '../storage/testing/temp-databases';
import { authConfigFrom } from './config';
import { AUTH_SESSION_ENTRY, AuthService, SignInSettingsService, type AuthConfig, type AuthServiceDeps, type EnvironmentSignIn } from './index';
import { freePorts } from './testing/free-ports';

type Fetch = NonNullable<AuthServiceDeps['fetch']>;

let ports: number[];
let providerA: RunningOpenIdProvider;
let providerB: RunningOpenIdProvider;
let db: SqliteDatabase;
let settings: SettingsRepository;
let secrets: MemorySecretStore;
let bus: InProcessEventBus;
/** Every request the app's OpenID client sent: its address and body. */
let sent: { url: string; body: string }[];
const services: AuthService[] = [];

const recordingFetch: Fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  sent.push({ url: String(input instanceof Request ? input.url : input), body: init?.body === undefined || init.body === null ? '' : String(init.body) });
  return fetch(input, init);
}) as unknown as Fetch;

beforeEach(async () => {
  ports = await freePorts(2);
  providerA = await startOpenIdProvider({ callbackPorts: ports });
  providerB = await startOpenIdProvider({ callbackPorts: ports });
  db = openDatabase(':memory:');
  settings = new SettingsRepository(db, recordingLogger());
  secrets = new MemorySecretStore();
  bus = new InProcessEventBus();
  sent = [];
});

afterEach(async () => {
  for (const service of services.splice(0)) service.close();
  db.close();
  await providerA.close();
  await providerB.close();
});

const valuesOf = (provider: RunningOpenIdProvider) => ({ issuer: provider.issuer, clientId: provider.clientId, audience: provider.audience });

function app(environment?: EnvironmentSignIn) {
  const signInSettings: SignInSettingsService = new SignInSettingsService({ settings, environment, apply: (config): Promise<unknown> => auth.configure(config), log: () => {} });
  const auth: AuthService = new AuthService({ config: signInSettings.initialConfig(), secrets, bus, callbackPorts: ports, fetch: recordingFetch, log: () => {} });
  services.push(auth);
  return { auth, signInSettings };
}

async function signInAtBrowser(auth: AuthService, provider: RunningOpenIdProvider): Promise<string> {
  let opened = '';
  await auth.signInWithBrowser((url) => {
    opened = url;
  });
  const result = auth.completion();
  expect(new URL(opened).origin).toBe(new URL(provider.issuer).origin);
  await fetch(await new ProviderUserAgent(provider.issuer).authorize(opened, provider.users[0]!));
  expect(await result).toMatchObject({ state: 'signed-in', user: { name: 'Alice Trader' } });
  return JSON.parse((await secrets.get(AUTH_SESSION_ENTRY))!).refreshToken as string;
}

/** What the provider answers to a refresh with `token` sent straight to it: whether it still honours the token. */
async function providerHonours(provider: RunningOpenIdProvider, token: string): Promise<boolean> {
  const response = await fetch(`${provider.issuer}/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: token, client_id: provider.clientId }).toString(),
  });
  return response.ok;
}

async function refusal(work: () => unknown): Promise<AppError> {
  try {
    await work();
  } catch (error) {
    return error as AppError;
  }
  throw new Error('not refused');
}

describe('where sign-in is configured', () => {
  it('without environment or saved settings there is no sign-in; saving the section turns it on at once, clearing it off', async () => {
    const { auth, signInSettings } = app();
    expect(signInSettings.current()).toEqual({ source: 'none' });
    expect(auth.status().configured).toBe(false);

    const saved = await signInSettings.update(valuesOf(providerA));
    expect(saved).toEqual({ source: 'settings', values: valuesOf(providerA) });
    expect(auth.status()).toMatchObject({ configured: true, state: 'signed-out' });
    expect(settings.all()).toContain('auth.sign-in');

    // Read back at the next start.
    const again = app();
    expect(again.auth.status().configured).toBe(true);

    expect(await signInSettings.update({ issuer: '', clientId: '', audience: '' })).toEqual({ source: 'none' });
    expect(auth.status()).toMatchObject({ configured: false, state: 'signed-out' });
    expect(settings.all()).not.toContain('auth.sign-in');
  });

  it('lets the environment win: the section shows its values and refuses changes, saving nothing', async () => {
    const config = authConfigFrom(valuesOf(providerB), { issuer: 'i', clientId: 'c', audience: 'a' }) as AuthConfig;
    settings.set('auth.sign-in', valuesOf(providerA));
    const { auth, signInSettings } = app({ config });
    expect(signInSettings.current()).toEqual({
      source: 'environment',
      values: { issuer: `${providerB.issuer}/`, clientId: providerB.clientId, audience: providerB.audience },
    });
    expect(signInSettings.initialConfig()?.issuer.href).toBe(`${providerB.issuer}/`);
    const error = await refusal(() => signInSettings.update({ issuer: '', clientId: '', audience: '' }));
    expect(error).toBeInstanceOf(AppError);
    expect(error.message).toContain('TBS_AUTH_*');
    expect(settings.get('auth.sign-in', SignInSettingsValues)).toEqual(valuesOf(providerA));
    expect(auth.status().configured).toBe(true);
  });

  it('a half-set environment turns sign-in off and says why; the section cannot override it', async () => {
    settings.set('auth.sign-in', valuesOf(providerA));
    const { auth, signInSettings } = app({ problem: 'sign-in is half configured: set TBS_AUTH_AUDIENCE too, or none of them' });
    expect(auth.status().configured).toBe(false);
    expect(signInSettings.current()).toEqual({ source: 'environment', problem: expect.stringContaining('TBS_AUTH_AUDIENCE') });
    expect(await refusal(() => signInSettings.update(valuesOf(providerA)))).toBeInstanceOf(AppError);
  });

  it('refuses a half-filled section naming what is missing, and a plain-http issuer off this machine; nothing saved or changed', async () => {
    const { auth, signInSettings } = app();
    await signInSettings.update(valuesOf(providerA));
    const half = await refusal(() => signInSettings.update({ issuer: 'tenant.eu.auth0.com', clientId: '', audience: ' ' }));
    expect(half).toBeInstanceOf(AppError);
    expect(half.code).toBe('INVALID_REQUEST');
    expect(half.message).toContain('the client id and the audience');
    const http = await refusal(() => signInSettings.update({ issuer: 'http://auth.example.com', clientId: 'c', audience: 'a' }));
    expect(http.message).toMatch(/must use https/);
    expect(signInSettings.current()).toEqual({ source: 'settings', values: valuesOf(providerA) });
    expect(auth.status().configured).toBe(true);
  });

  it('an https Auth0 domain is saved as typed and read as https', async () => {
    const { signInSettings } = app();
    const values = { issuer: 'tenant.eu.auth0.com', clientId: 'abc', audience: 'https://api.tradebot.example' };
    expect(await signInSettings.update(values)).toEqual({ source: 'settings', values });
    expect(signInSettings.initialConfig()).toMatchObject({ issuer: new URL('https://tenant.eu.auth0.com/'), loopbackHttp: false });
    // Nothing was asked of that domain: discovery waits for a sign-in.
    expect(sent).toEqual([]);
  });

  it('ignores a saved section that is no longer valid (hand-edited): no sign-in, and the app starts', () => {
    settings.set('auth.sign-in', { issuer: 'http://auth.example.com', clientId: 'c', audience: 'a' });
    const { auth } = app();
    expect(auth.status().configured).toBe(false);
  });
});

describe('changing the issuer while signed in', () => {
  it('signs out first: the refresh token is revoked at its issuer, forgotten, and never reaches the new issuer', async () => {
    const { auth, signInSettings } = app();
    await signInSettings.update(valuesOf(providerA));
    const refreshToken = await signInAtBrowser(auth, providerA);
    const events: string[] = [];
    bus.subscribe('user.signed-out', (event) => events.push(`out:${event.reason ?? ''}`));
    await auth.refresh();
    const current = JSON.parse((await secrets.get(AUTH_SESSION_ENTRY))!).refreshToken as string;
    expect(current).not.toBe(refreshToken);

    await signInSettings.update(valuesOf(providerB));
    expect(auth.status()).toMatchObject({ configured: true, state: 'signed-out', problem: expect.stringContaining('settings changed') });
    expect(await secrets.get(AUTH_SESSION_ENTRY)).toBeUndefined();
    expect(events).toEqual(['out:signed out: the sign-in settings changed']);
    // Revoked where it was issued: A no longer honours it.
    expect(await providerHonours(providerA, current)).toBe(false);
    // Nothing asks B for anything with it, now or after a restart on B's settings.
    expect(await auth.accessToken()).toBeUndefined();
    const restarted = app();
    await restarted.auth.restore();
    expect(restarted.auth.status().state).toBe('signed-out');

    // Then B works like any issuer: sign in there.
    await signInAtBrowser(auth, providerB);
    const toB = sent.filter((request) => request.url.startsWith(providerB.issuer));
    expect(toB.length).toBeGreaterThan(0);
    for (const request of toB) {
      expect(request.url).not.toContain(current);
      expect(request.body).not.toContain(current);
      expect(request.url).not.toContain(refreshToken);
      expect(request.body).not.toContain(refreshToken);
    }
    // The token did travel — to A, for its refresh and its revocation: the recording sees it.
    expect(sent.filter((request) => request.body.includes(current) && request.url.startsWith(providerA.issuer)).length).toBeGreaterThan(0);
  });

  it('a session saved for another issuer (settings changed while the app was closed) is forgotten at start, never sent', async () => {
    const first = app();
    await first.signInSettings.update(valuesOf(providerA));
    const refreshToken = await signInAtBrowser(first.auth, providerA);
    first.auth.close();
    settings.set('auth.sign-in', valuesOf(providerB));
    sent = [];

    const { auth } = app();
    await auth.restore();
    expect(auth.status()).toMatchObject({ configured: true, state: 'signed-out' });
    expect(await secrets.get(AUTH_SESSION_ENTRY)).toBeUndefined();
    expect(await auth.accessToken()).toBeUndefined();
    expect(sent.filter((request) => request.body.includes(refreshToken) || request.url.includes(refreshToken))).toEqual([]);
  });

  it('saving the same values again keeps the session', async () => {
    const { auth, signInSettings } = app();
    await signInSettings.update(valuesOf(providerA));
    await signInAtBrowser(auth, providerA);
    await signInSettings.update({ ...valuesOf(providerA), issuer: ` ${providerA.issuer} ` });
    expect(auth.status().state).toBe('signed-in');
    expect(await secrets.get(AUTH_SESSION_ENTRY)).toBeDefined();
  });

  it('two saves in quick succession end with what was saved last, in force and in SQLite', async () => {
    const { auth, signInSettings } = app();
    await signInSettings.update(valuesOf(providerA));
    await signInAtBrowser(auth, providerA);
    const toB = signInSettings.update(valuesOf(providerB));
    const cleared = signInSettings.update({ issuer: '', clientId: '', audience: '' });
    await Promise.all([toB, cleared]);
    expect(signInSettings.current()).toEqual({ source: 'none' });
    expect(auth.status()).toMatchObject({ configured: false, state: 'signed-out' });
    expect(sent.filter((request) => request.url.startsWith(providerB.issuer))).toEqual([]);
  });

  it('clearing the section while signed in signs out and removes sign-in', async () => {
    const { auth, signInSettings } = app();
    await signInSettings.update(valuesOf(providerA));
    const refreshToken = await signInAtBrowser(auth, providerA);
    await signInSettings.update({ issuer: '', clientId: '', audience: '' });
    expect(auth.status()).toMatchObject({ configured: false, state: 'signed-out' });
    expect(await secrets.get(AUTH_SESSION_ENTRY)).toBeUndefined();
    expect(await providerHonours(providerA, refreshToken)).toBe(false);
  });
});
