// The browser flow against a real OpenID provider on 127.0.0.1 (oidc-provider configured like the Auth0 tenant):
// sign in, refresh with rotation, sign out; and every refusal, each a typed error with nothing stored.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startOpenIdProvider, type RunningOpenIdProvider } from '../../fakes/openid-provider';
import { ProviderUserAgent } from '../../fakes/openid-provider/user-agent';
import { InProcessEventBus } from '../events';
import { MemorySecretStore } from '../secrets/testing';
import { AUTH_SESSION_ENTRY, AuthService, SignInError, type AuthServiceDeps } from './index';

/** openid-client's HTTP client type is its own; a fetch wrapper serves it. */
type Fetch = NonNullable<AuthServiceDeps['fetch']>;
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
  // Taken now: once the callback arrives the sign-in may end before the test asks.
  const result = auth.completion();
  const authorize = new URL(opened!);
  tamper.authorize?.(authorize);
  const callback = new URL(await new ProviderUserAgent(provider.issuer).authorize(authorize.href, alice()));
  tamper.callback?.(callback);
  const page = await fetch(callback);
  return { page: await page.text(), callback, result };
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
    const accessToken = await auth.accessToken();
    expect(accessToken).toMatch(/^eyJ/);
    // The provider's record of issued tokens (which the e2e leak check greps for) holds exactly these.
    expect(provider.issuedTokens).toEqual(expect.arrayContaining([accessToken, saved.refreshToken]));
    await auth.signOut();
    expect(auth.status().state).toBe('signed-out');
    expect(await secrets.get(AUTH_SESSION_ENTRY)).toBeUndefined();
    expect(events).toEqual(['in:alice@example.com', 'out']);
  });
});

/** The HTTP client openid-client uses, wrapped to play an attacker or a broken peer on the wire for token requests. */
function onTokenRequest(change: (body: URLSearchParams) => 'replay-first' | void): Fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input instanceof Request ? input.url : input);
    if (!url.endsWith('/token') || !init?.body) return fetch(input, init);
    const body = new URLSearchParams(String(init.body));
    if (body.get('grant_type') !== 'authorization_code') return fetch(input, init);
    const what = change(body);
    // Someone else redeems the code first; the app's own request then replays it.
    if (what === 'replay-first') await fetch(url, { ...init, body: body.toString() });
    return fetch(url, { ...init, body: body.toString() });
  }) as unknown as Fetch;
}

/** Rewrites the ID token's payload in the token response, keeping its header and (now wrong) signature. */
const tamperIdToken: Fetch = (async (input: RequestInfo | URL, init?: RequestInit) => {
  const response = await fetch(input, init);
  const url = String(input instanceof Request ? input.url : input);
  if (!url.endsWith('/token') || response.status !== 200) return response;
  const json = (await response.json()) as { id_token: string };
  const [header, payload, signature] = json.id_token.split('.');
  const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  claims.name = 'Mallory';
  json.id_token = [header, Buffer.from(JSON.stringify(claims)).toString('base64url'), signature].join('.');
  return new Response(JSON.stringify(json), { status: 200, headers: { 'content-type': 'application/json' } });
}) as unknown as Fetch;

async function expectRefused(auth: AuthService, result: Promise<unknown>, reason: SignInError['reason']) {
  const error = await result.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(SignInError);
  expect((error as SignInError).reason).toBe(reason);
  expect((error as SignInError).code).toBe('SIGN_IN_FAILED');
  // Nothing stored, nobody signed in, and the trader reads why.
  expect(secrets.entries()).toEqual([]);
  expect(auth.status()).toMatchObject({ state: 'signed-out', problem: (error as SignInError).message });
  expect(await auth.accessToken()).toBeUndefined();
}

describe('browser sign-in refusals: each a typed error, nothing stored', () => {
  it('refuses a callback with another state', async () => {
    const auth = service();
    const { result } = await signInThroughBrowser(auth, { callback: (url) => url.searchParams.set('state', 'forged-state') });
    await expectRefused(auth, result, 'state-mismatch');
  });

  it('refuses an ID token whose nonce answers another request', async () => {
    const auth = service();
    const { result } = await signInThroughBrowser(auth, { authorize: (url) => url.searchParams.set('nonce', 'another-nonce') });
    await expectRefused(auth, result, 'nonce-mismatch');
  });

  it('refuses an answer from another issuer (mix-up)', async () => {
    const auth = service();
    const { result } = await signInThroughBrowser(auth, { callback: (url) => url.searchParams.set('iss', 'https://evil.example.com/') });
    await expectRefused(auth, result, 'issuer-mismatch');
  });

  it('refuses an access token for another API', async () => {
    await provider.close();
    provider = await startOpenIdProvider({ callbackPorts: ports, audiences: ['https://api.tradebot.test', 'https://other-api.example.com'] });
    const auth = service();
    const { result } = await signInThroughBrowser(auth, { authorize: (url) => url.searchParams.set('audience', 'https://other-api.example.com') });
    await expectRefused(auth, result, 'audience-mismatch');
  });

  it('refuses an ID token for another application', async () => {
    const auth = service({
      config: { issuer: new URL(provider.issuer), clientId: 'another-client', audience: provider.audience, loopbackHttp: true },
      // The provider knows only its own client: this one's requests carry that id, its checks expect "another-client".
      fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
        const body = init?.body ? String(init.body).replace('client_id=another-client', `client_id=${provider.clientId}`) : undefined;
        return fetch(input, { ...init, ...(body ? { body } : {}) });
      }) as unknown as Fetch,
    });
    const { result } = await signInThroughBrowser(auth, { authorize: (url) => url.searchParams.set('client_id', provider.clientId) });
    await expectRefused(auth, result, 'audience-mismatch');
  });

  it('refuses a tampered ID token (its signature no longer verifies)', async () => {
    const auth = service({ fetch: tamperIdToken });
    const { result } = await signInThroughBrowser(auth);
    await expectRefused(auth, result, 'id-token-invalid');
  });

  it('refuses an expired ID token', async () => {
    const auth = service({ now: () => Date.now() + 2 * 3600_000 });
    const { result } = await signInThroughBrowser(auth);
    await expectRefused(auth, result, 'id-token-expired');
  });

  it('refuses a code that was already redeemed', async () => {
    const auth = service({ fetch: onTokenRequest(() => 'replay-first') });
    const { result } = await signInThroughBrowser(auth);
    await expectRefused(auth, result, 'code-rejected');
  });

  it('refuses a code exchange without its PKCE verifier', async () => {
    const auth = service({ fetch: onTokenRequest((body) => body.delete('code_verifier')) });
    const { result } = await signInThroughBrowser(auth);
    await expectRefused(auth, result, 'code-rejected');
  });

  it('gives the loopback port back when the browser never returns', async () => {
    const auth = service({ browserTimeoutMs: 300 });
    await auth.signInWithBrowser(() => {});
    const error = await auth.completion().catch((e: unknown) => e);
    expect((error as SignInError).reason).toBe('expired');
    expect(secrets.entries()).toEqual([]);
    // The port answers no more: the next sign-in can take it.
    await expect(fetch(`http://127.0.0.1:${ports[0]}/callback`)).rejects.toThrow();
  });

  it('says which ports were busy when all are', async () => {
    const { createServer } = await import('node:net');
    const blockers = await Promise.all(ports.map((port) => new Promise<ReturnType<typeof createServer>>((resolve) => {
      const server = createServer();
      server.listen(port, '127.0.0.1', () => resolve(server));
    })));
    try {
      const auth = service();
      const error = await auth.signInWithBrowser(() => {}).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SignInError);
      expect((error as SignInError).reason).toBe('ports-busy');
      expect((error as Error).message).toContain(`ports ${ports.join(', ')} on 127.0.0.1 are all in use`);
    } finally {
      await Promise.all(blockers.map((server) => new Promise((resolve) => server.close(resolve))));
    }
  });
});

describe('refresh', () => {
  it('rotates the refresh token, survives a restart, and ends the session when a rotated token is used again', async () => {
    const first = service();
    await (await signInThroughBrowser(first)).result;
    const original = JSON.parse((await secrets.get(AUTH_SESSION_ENTRY))!).refreshToken as string;
    first.close();

    // A restart: the saved session shows at once, and its refresh rotates the token.
    const restarted = service();
    await restarted.restore();
    expect(restarted.status()).toMatchObject({ state: 'signed-in', user: { email: 'alice@example.com' } });
    await restarted.refresh();
    const rotated = JSON.parse((await secrets.get(AUTH_SESSION_ENTRY))!).refreshToken as string;
    expect(rotated).not.toBe(original);
    expect(await restarted.accessToken()).toMatch(/^eyJ/);
    restarted.close();

    // The old token comes back (a copy stolen before the rotation): the provider refuses it, the app signs out.
    await secrets.set(AUTH_SESSION_ENTRY, JSON.stringify({ ...JSON.parse((await secrets.get(AUTH_SESSION_ENTRY))!), refreshToken: original }));
    const reused = service();
    const ended: unknown[] = [];
    bus.subscribe('user.signed-out', (e) => ended.push(e));
    await reused.restore();
    const error = await reused.refresh().catch((e: unknown) => e);
    expect((error as SignInError).reason).toBe('refresh-rejected');
    expect(reused.status()).toMatchObject({ state: 'signed-out', problem: expect.stringContaining('your sign-in ended') });
    expect(secrets.entries()).toEqual([]);
    expect(ended).toEqual([expect.objectContaining({ reason: expect.stringContaining('your sign-in ended') })]);
  });
});
