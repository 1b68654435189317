// Not a fake: the real account server (src-server) wired to fake peers on 127.0.0.1 — the fake OpenID provider (the
// issuer of access tokens) and the fake Stripe (stripe-node pointed at it) — with a real SQLite file and a real ES256
// key. The server's own tests use it, and so do the app's billing tests and the e2e specs: the app talks to the real
// server. The clock is the test's.
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, generateKeyPair } from 'jose';
import { createAccessTokenVerifier } from '../../src-server/access-tokens';
import { buildAccountServer, type AccountServer } from '../../src-server/app';
import { EntitlementSigner } from '../../src-server/entitlements';
import { BillingRepository } from '../../src-server/repository';
import { StripeGateway } from '../../src-server/stripe-gateway';
import { startOpenIdProvider, type RunningOpenIdProvider } from '../openid-provider';
import { issueAccessToken } from '../openid-provider/access-token';
import { startFakeStripe, type FakeStripe } from '../stripe';

export const OTHER_AUDIENCE = 'https://another-api.tradebot.test';
export const PRICES = { monthly: 'price_test_monthly', yearly: 'price_test_yearly' } as const;
export const SECRET_KEY = 'sk_test_accountserver0000000000';
export const WEBHOOK_SECRET = 'whsec_test_accountserver000000';

export interface Harness {
  /** The server's public key (SPKI PEM): what the app is configured with to verify entitlement tokens offline. */
  publicKeyPem: string;
  provider: RunningOpenIdProvider;
  stripe: FakeStripe;
  server: AccountServer;
  repository: BillingRepository;
  url: string;
  /** Shifts the server's clock (ms) from the real one. */
  clock: { offsetMs: number };
  log: string[];
  /** The request log's lines, when `recordRequestLog` was asked for. */
  requestLog: string[];
  token(options?: { audience?: string }): Promise<string>;
  /** A request to the server with an access token (a fresh one unless given). */
  call(method: 'GET' | 'POST', path: string, options?: { token?: string | null; body?: unknown }): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

/** A port free on 127.0.0.1 now: the server's public address (its tokens' issuer) must be known before it listens. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface AccountServerOptions {
  /** The app's loopback callback ports, registered at the fake provider (for tests where the app signs in). */
  callbackPorts?: number[];
  /** Keeps the server's request log (Fastify's, as `npm run server` writes it) in `Harness.requestLog`. */
  recordRequestLog?: boolean;
}

export async function startAccountServer(options: AccountServerOptions = {}): Promise<Harness> {
  const folder = mkdtempSync(join(tmpdir(), 'tbs-account-server-'));
  const clock = { offsetMs: 0 };
  const now = () => Date.now() + clock.offsetMs;
  const log: string[] = [];
  const requestLog: string[] = [];
  const provider = await startOpenIdProvider({ callbackPorts: options.callbackPorts ?? [53682], audiences: ['https://api.tradebot.test', OTHER_AUDIENCE] });
  const stripe = await startFakeStripe({
    secretKey: SECRET_KEY,
    webhookSecret: WEBHOOK_SECRET,
    prices: [
      { id: PRICES.monthly, interval: 'month', unitAmount: 1900, currency: 'usd' },
      { id: PRICES.yearly, interval: 'year', unitAmount: 19000, currency: 'usd' },
    ],
    now: () => Math.floor(now() / 1000),
  });
  const { privateKey } = await generateKeyPair('ES256', { extractable: true });
  const repository = new BillingRepository(join(folder, 'account-server.sqlite'));
  const port = await freePort();
  const publicUrl = `http://127.0.0.1:${port}`;
  const signer = await EntitlementSigner.fromPem(await exportPKCS8(privateKey), publicUrl);
  const server = buildAccountServer({
    publicUrl,
    repository,
    stripe: new StripeGateway({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, prices: PRICES, api: stripe.api }),
    signer,
    accessTokens: createAccessTokenVerifier({ issuer: provider.issuer, audience: provider.audience, now }),
    now,
    log: (line) => log.push(line),
    retryDelayMs: 50,
    ...(options.recordRequestLog ? { requestLog: { write: (line: string) => void requestLog.push(line) } } : {}),
  });
  const url = await server.app.listen({ host: '127.0.0.1', port });
  stripe.webhookUrl = `${url}/stripe/webhook`;
  let cachedToken: string | undefined;
  let closed = false;

  return {
    publicKeyPem: signer.publicKey.pem,
    provider,
    stripe,
    server,
    repository,
    url,
    clock,
    log,
    requestLog,
    token: (options) => issueAccessToken(provider, options),
    async call(method, path, options = {}) {
      if (options.token === undefined) cachedToken ??= await issueAccessToken(provider);
      const token = options.token === undefined ? cachedToken : options.token;
      const response = await fetch(`${url}${path}`, {
        method,
        headers: {
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
      return { status: response.status, json: (await response.json()) as Record<string, unknown> };
    },
    /** Stops everything; a second call does nothing (a test may stop the server to play an outage). */
    async close() {
      if (closed) return;
      closed = true;
      await server.app.close();
      repository.close();
      await stripe.close();
      await provider.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
