// The account server's settings, all from the environment (twelve-factor: the Stripe secret key is injected by the
// host, never written in a file of this repository). Each variable is checked at start, and a missing or malformed
// one stops the server with a sentence naming it.
import { z } from 'zod';

/** https everywhere, except plain http on the loopback address (the fakes in tests, a local development server). */
const serviceUrl = z.url({ protocol: /^https?$/ }).refine(
  (value) => value.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(value),
  'must be an https:// address (plain http only on 127.0.0.1 or localhost)',
);

const prefixed = (prefix: string, what: string) =>
  z.string().trim().startsWith(prefix, `must be ${what} (it starts with "${prefix}")`);

const Environment = z.object({
  STRIPE_SECRET_KEY: z.string().trim().regex(/^(sk|rk)_(test|live)_\w+$/, 'must be a Stripe secret or restricted key (sk_live_…, sk_test_…, rk_…)'),
  STRIPE_WEBHOOK_SECRET: prefixed('whsec_', "the webhook endpoint's signing secret"),
  STRIPE_PRICE_MONTHLY: prefixed('price_', "the monthly price's id"),
  STRIPE_PRICE_YEARLY: prefixed('price_', "the yearly price's id"),
  /** Another address for Stripe's API (a test double); unset means api.stripe.com. */
  STRIPE_API_URL: serviceUrl.optional(),
  AUTH0_ISSUER: serviceUrl,
  AUTH0_AUDIENCE: z.string().trim().min(1, 'must be the API identifier of the account server in Auth0'),
  ENTITLEMENT_SIGNING_KEY_FILE: z.string().trim().min(1, 'must name a PEM file holding an EC P-256 private key (PKCS #8)'),
  /** Where users reach this server: the issuer of entitlement tokens and the base of the pages Stripe returns to. */
  ACCOUNT_SERVER_PUBLIC_URL: serviceUrl,
  ACCOUNT_SERVER_DATABASE: z.string().trim().min(1).default('account-server.sqlite'),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(8787),
});

export interface ServerSettings {
  stripe: {
    secretKey: string;
    webhookSecret: string;
    prices: { monthly: string; yearly: string };
    api?: { host: string; port: number; protocol: 'http' | 'https' };
  };
  auth: { issuer: string; audience: string };
  signingKeyFile: string;
  publicUrl: string;
  databaseFile: string;
  listen: { host: string; port: number };
}

export class SettingsError extends Error {
  constructor(readonly variable: string, problem: string) {
    super(`${variable} ${problem}: see docs/account-server.md`);
    this.name = 'SettingsError';
  }
}

function apiAddress(url: string): NonNullable<ServerSettings['stripe']['api']> {
  const parsed = new URL(url);
  const protocol = parsed.protocol === 'http:' ? 'http' : 'https';
  return { host: parsed.hostname, port: Number(parsed.port || (protocol === 'http' ? 80 : 443)), protocol };
}

/** Reads the settings from `env`; throws a SettingsError naming the first variable that is missing or wrong. */
export function loadSettings(env: Readonly<Record<string, string | undefined>>): ServerSettings {
  // An empty value is as good as unset: `FOO= npm run server` must not pass as a setting.
  const present = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = Environment.safeParse(present);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const missing = issue.code === 'invalid_type' && present[variable] === undefined;
    throw new SettingsError(variable, missing ? 'is not set' : issue.message);
  }
  const e = parsed.data;
  return {
    stripe: {
      secretKey: e.STRIPE_SECRET_KEY,
      webhookSecret: e.STRIPE_WEBHOOK_SECRET,
      prices: { monthly: e.STRIPE_PRICE_MONTHLY, yearly: e.STRIPE_PRICE_YEARLY },
      ...(e.STRIPE_API_URL ? { api: apiAddress(e.STRIPE_API_URL) } : {}),
    },
    auth: { issuer: e.AUTH0_ISSUER, audience: e.AUTH0_AUDIENCE },
    signingKeyFile: e.ENTITLEMENT_SIGNING_KEY_FILE,
    publicUrl: e.ACCOUNT_SERVER_PUBLIC_URL.replace(/\/+$/, ''),
    databaseFile: e.ACCOUNT_SERVER_DATABASE,
    listen: { host: e.HOST, port: e.PORT },
  };
}
