// A real OpenID provider (oidc-provider) on 127.0.0.1, configured the way the product's Auth0 tenant is: one Native
// application (public client, PKCE S256 required, callback URLs on a fixed list of loopback ports, the device code
// grant allowed), an API whose identifier is the `audience` parameter and whose access tokens are JWTs, and refresh
// tokens that rotate on every use (a rotated one used again is refused). Auth0's `audience` parameter is mapped onto
// oidc-provider's resource indicators; the device flow answers with a polling `interval` and `slow_down` the way
// Auth0 does. Users log in on plain pages (pages.ts) that a test drives with Playwright or with `signInAs`.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair } from 'jose';
import Provider, { errors } from 'oidc-provider';
import { consentPage, deviceConfirmPage, deviceInputPage, deviceSuccessPage, loginPage } from './pages';

export interface FakeUser {
  id: string;
  email: string;
  password: string;
  name: string;
}

export interface OpenIdProviderOptions {
  /** The Native application's client id. */
  clientId?: string;
  /** Loopback ports whose `http://127.0.0.1:PORT/callback` the application registers (Auth0 matches them exactly). */
  callbackPorts: readonly number[];
  /** API identifiers (audiences) the tenant knows; the first is the app's. */
  audiences?: readonly string[];
  users?: readonly FakeUser[];
  /** How long a device code lives, in seconds. */
  deviceCodeTtlS?: number;
  /** The polling interval the device authorization response asks for, in seconds (Auth0 says 5). */
  devicePollIntervalS?: number;
  /** Answers the first N polls of each device code with `slow_down`, whatever their pace. */
  slowDownFirstPolls?: number;
  accessTokenTtlS?: number;
  /** Port to listen on; 0 picks a free one. */
  port?: number;
}

export interface DevicePoll {
  deviceCode: string;
  at: number;
  answer: 'slow_down' | 'passed on';
}

export interface RunningOpenIdProvider {
  issuer: string;
  clientId: string;
  audience: string;
  users: readonly FakeUser[];
  /** Every poll of the token endpoint with a device code, in order. */
  readonly devicePolls: DevicePoll[];
  /** Every token the token endpoint issued (access, ID and refresh tokens), for tests that look for leaks. */
  readonly issuedTokens: string[];
  close(): Promise<void>;
}

export const DEFAULT_USERS: readonly FakeUser[] = [
  { id: 'auth0|alice', email: 'alice@example.com', password: 'correct horse', name: 'Alice Trader' },
];

const DEVICE_CODE_GRANT = 'urn:ietf:params:oauth:grant-type:device_code';
const MAX_FORM_BYTES = 64 * 1024;

async function readForm(req: IncomingMessage): Promise<Record<string, string>> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) throw new Error('form too large');
    chunks.push(chunk as Buffer);
  }
  return Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
}

function sendHtml(res: ServerResponse, html: string, status = 200): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
  res.end(html);
}

export async function startOpenIdProvider(options: OpenIdProviderOptions): Promise<RunningOpenIdProvider> {
  const clientId = options.clientId ?? 'tbs-desktop-test';
  const audiences = options.audiences ?? ['https://api.tradebot.test'];
  const users = options.users ?? DEFAULT_USERS;
  const interval = options.devicePollIntervalS ?? 1;
  const devicePolls: DevicePoll[] = [];
  const issuedTokens: string[] = [];
  const { privateKey } = await generateKeyPair('RS256', { extractable: true });
  const signingKey = { ...(await exportJWK(privateKey)), kid: 'test-key-1', alg: 'RS256', use: 'sig' };

  // The issuer is known only once the port is: listen first, then build the provider.
  const server: Server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_name: 'Trade Bot Scratch',
        application_type: 'native',
        token_endpoint_auth_method: 'none',
        grant_types: ['authorization_code', 'refresh_token', DEVICE_CODE_GRANT],
        response_types: ['code'],
        redirect_uris: options.callbackPorts.map((port) => `http://127.0.0.1:${port}/callback`),
      },
    ],
    jwks: { keys: [signingKey] },
    cookies: { keys: ['fake-openid-provider-cookie-key'] },
    scopes: ['openid', 'profile', 'email', 'offline_access'],
    claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'] },
    // Auth0 puts the profile claims in the ID token.
    conformIdTokenClaims: false,
    extraParams: ['audience'],
    findAccount: (_ctx: unknown, id: string) => {
      const user = users.find((u) => u.id === id);
      if (!user) return undefined;
      return { accountId: id, claims: () => ({ sub: id, name: user.name, email: user.email, email_verified: true }) };
    },
    // Auth0 issues a refresh token when the API allows offline access; it does not insist on prompt=consent.
    issueRefreshToken: (_ctx: unknown, client: { grantTypeAllowed(grant: string): boolean }) => client.grantTypeAllowed('refresh_token'),
    rotateRefreshToken: true,
    interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: {
      AccessToken: options.accessTokenTtlS ?? 600,
      IdToken: 600,
      RefreshToken: 30 * 24 * 3600,
      DeviceCode: options.deviceCodeTtlS ?? 600,
      Interaction: 600,
      Session: 3600,
      Grant: 30 * 24 * 3600,
    },
    features: {
      devInteractions: { enabled: false },
      // A public client may revoke the tokens it was issued (Auth0 lets a Native app revoke its refresh token).
      revocation: { enabled: true, allowedPolicy: (_ctx: unknown, client: { clientId: string }, token: { clientId: string }) => token.clientId === client.clientId },
      deviceFlow: {
        enabled: true,
        userCodeInputSource: (ctx: { body: string }, form: string, _out: unknown, err?: Error) => {
          ctx.body = deviceInputPage(form, err ? 'That code is not valid or has expired. Try again.' : undefined);
        },
        userCodeConfirmSource: (ctx: { body: string }, form: string, _client: unknown, _info: unknown, userCode: string) => {
          ctx.body = deviceConfirmPage(form, userCode);
        },
        successSource: (ctx: { body: string }) => {
          ctx.body = deviceSuccessPage();
        },
      },
      resourceIndicators: {
        enabled: true,
        defaultResource: (ctx: { oidc: { params?: Record<string, unknown> } }) => ctx.oidc.params?.audience ?? undefined,
        useGrantedResource: () => true,
        getResourceServerInfo: (_ctx: unknown, indicator: string) => {
          if (!audiences.includes(indicator)) throw new errors.InvalidTarget(`unknown audience ${indicator}`);
          return {
            scope: 'read:account',
            audience: indicator,
            accessTokenTTL: options.accessTokenTtlS ?? 600,
            accessTokenFormat: 'jwt',
            jwt: { sign: { alg: 'RS256' } },
          };
        },
      },
    },
  });
  // Auth0 tells the device how often to poll; oidc-provider says nothing (clients then assume 5 s).
  provider.use(async (ctx, next) => {
    await next();
    if (ctx.path === '/device/auth' && ctx.status === 200 && ctx.body && typeof ctx.body === 'object') {
      ctx.body = { ...ctx.body, interval };
    }
  });
  const providerCallback = provider.callback();
  const lastPoll = new Map<string, { at: number; count: number; minGapMs: number }>();

  /** RFC 8628 §3.5: a device polling faster than asked is told to slow down, and must add 5 s to its interval. */
  function slowDown(deviceCode: string): boolean {
    const now = Date.now();
    const previous = lastPoll.get(deviceCode);
    const count = (previous?.count ?? 0) + 1;
    let minGapMs = previous?.minGapMs ?? interval * 1000;
    const tooFast = previous !== undefined && now - previous.at < minGapMs - 250;
    const forced = count <= (options.slowDownFirstPolls ?? 0);
    if (tooFast || forced) minGapMs += 5000;
    lastPoll.set(deviceCode, { at: now, count, minGapMs });
    devicePolls.push({ deviceCode, at: now, answer: tooFast || forced ? 'slow_down' : 'passed on' });
    return tooFast || forced;
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, uid: string, action: string | undefined): Promise<void> {
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== uid) return sendHtml(res, 'interaction mismatch', 400);
    if (req.method === 'GET' && action === undefined) {
      if (details.prompt.name === 'login') return sendHtml(res, loginPage(uid));
      const scopes = String(details.params.scope ?? '').split(' ').filter(Boolean);
      return sendHtml(res, consentPage(uid, 'Trade Bot Scratch', scopes));
    }
    if (req.method !== 'POST') return sendHtml(res, 'method not allowed', 405);
    if (action === 'login') {
      const form = await readForm(req);
      const user = users.find((u) => u.email === form.email && u.password === form.password);
      if (!user) return sendHtml(res, loginPage(uid, 'Wrong email or password.'));
      return provider.interactionFinished(req, res, { login: { accountId: user.id } }, { mergeWithLastSubmission: false });
    }
    if (action === 'consent') {
      await readForm(req);
      const accountId = details.session?.accountId;
      if (!accountId) return sendHtml(res, 'no session', 400);
      const grant = details.grantId
        ? (await provider.Grant.find(details.grantId))!
        : new provider.Grant({ accountId, clientId: String(details.params.client_id) });
      const missing = details.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> };
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '));
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims);
      for (const [indicator, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(indicator, scopes.join(' '));
      const grantId = await grant.save();
      return provider.interactionFinished(req, res, { consent: { grantId } }, { mergeWithLastSubmission: true });
    }
    if (action === 'abort') {
      await readForm(req);
      return provider.interactionFinished(req, res, { error: 'access_denied', error_description: 'The user declined' }, { mergeWithLastSubmission: false });
    }
    return sendHtml(res, 'not found', 404);
  }

  /** Keeps the tokens of a token response as it goes out. */
  function recordTokens(res: ServerResponse): void {
    const end = res.end.bind(res) as (...args: unknown[]) => ServerResponse;
    res.end = ((...args: unknown[]) => {
      const [chunk] = args;
      if (res.statusCode === 200 && (typeof chunk === 'string' || Buffer.isBuffer(chunk))) {
        try {
          const body = JSON.parse(chunk.toString()) as Record<string, unknown>;
          for (const key of ['access_token', 'id_token', 'refresh_token']) if (typeof body[key] === 'string') issuedTokens.push(body[key]);
        } catch {
          // not JSON: no tokens in it
        }
      }
      return end(...args);
    }) as ServerResponse['end'];
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    try {
      const url = new URL(req.url ?? '/', issuer);
      const match = /^\/interaction\/([\w-]+)(?:\/(login|consent|abort))?$/.exec(url.pathname);
      if (match) return await interaction(req, res, match[1]!, match[2]);
      if (req.method === 'POST' && url.pathname === '/token') {
        // Read here to see the grant; oidc-provider takes an already parsed body from `req.body`.
        const form = await readForm(req);
        if (form.grant_type === DEVICE_CODE_GRANT && form.device_code && slowDown(form.device_code)) {
          res.writeHead(400, { 'content-type': 'application/json', 'cache-control': 'no-store' });
          res.end(JSON.stringify({ error: 'slow_down', error_description: 'polling too fast: add 5 seconds to the interval' }));
          return;
        }
        (req as IncomingMessage & { body?: unknown }).body = form;
        recordTokens(res);
      }
      providerCallback(req, res);
    } catch (error) {
      if (!res.headersSent) sendHtml(res, `fake provider error: ${(error as Error).message}`, 500);
    }
  }

  return {
    issuer,
    clientId,
    audience: audiences[0]!,
    users,
    devicePolls,
    issuedTokens,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
