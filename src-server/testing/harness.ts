// The account server wired to real peers on 127.0.0.1: the fake OpenID provider (the issuer of access tokens), the
// fake Stripe (stripe-node pointed at it), a real SQLite file and a real ES256 key. The clock is the test's.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportPKCS8, generateKeyPair } from 'jose';
import { startOpenIdProvider, type RunningOpenIdProvider } from '../../fakes/openid-provider';
import { issueAccessToken } from '../../fakes/openid-provider/access-token';
import { startFakeStripe, type FakeStripe } from '../../fakes/stripe';
import { createAccessTokenVerifier } from '../access-tokens';
import { buildAccountServer, type AccountServer } from '../app';
import { EntitlementSigner } from '../entitlements';
import { BillingRepository } from '../repository';
import { StripeGateway } from '../stripe-gateway';

export const OTHER_AUDIENCE = 'https://another-api.tradebot.test';
export const PRICES = { monthly: 'price_test_monthly', yearly: 'price_test_yearly' } as const;
const SECRET_KEY = 'sk_test_accountserver0000000000';
export const WEBHOOK_SECRET = 'whsec_test_accountserver000000';

export interface Harness {
  provider: RunningOpenIdProvider;
  stripe: FakeStripe;
  server: AccountServer;
  repository: BillingRepository;
  url: string;
  /** Shifts the server's clock (ms) from the real one. */
  clock: { offsetMs: number };
  log: string[];
  token(options?: { audience?: string }): Promise<string>;
  /** A request to the server with an access token (a fresh one unless given). */
  call(method: 'GET' | 'POST', path: string, options?: { token?: string | null; body?: unknown }): Promise<{ status: number; json: Record<string, unknown> }>;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  const folder = mkdtempSync(join(tmpdir(), 'tbs-account-server-'));
  const clock = { offsetMs: 0 };
  const now = () => Date.now() + clock.offsetMs;
  const log: string[] = [];
  const provider = await startOpenIdProvider({ callbackPorts: [53682], audiences: ['https://api.tradebot.test', OTHER_AUDIENCE] });
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
  const publicUrl = 'http://127.0.0.1:0';
  const server = buildAccountServer({
    publicUrl,
    repository,
    stripe: new StripeGateway({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, prices: PRICES, api: stripe.api }),
    signer: await EntitlementSigner.fromPem(await exportPKCS8(privateKey), publicUrl),
    accessTokens: createAccessTokenVerifier({ issuer: provider.issuer, audience: provider.audience, now }),
    now,
    log: (line) => log.push(line),
    retryDelayMs: 50,
  });
  const url = await server.app.listen({ host: '127.0.0.1', port: 0 });
  stripe.webhookUrl = `${url}/stripe/webhook`;
  let cachedToken: string | undefined;

  return {
    provider,
    stripe,
    server,
    repository,
    url,
    clock,
    log,
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
    async close() {
      await server.app.close();
      repository.close();
      await stripe.close();
      await provider.close();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
