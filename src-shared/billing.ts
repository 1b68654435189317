// Subscriptions: what the account server (src-server) signs and the app verifies offline, and the bodies of the
// account server's HTTP API. Both sides parse with these schemas, so the two never disagree on a claim's name.
import { z } from 'zod';

export const Plan = z.enum(['free', 'pro']);
export type Plan = z.infer<typeof Plan>;

/** Stripe's subscription statuses, plus `none` for a customer who never subscribed. */
export const SubscriptionStatus = z.enum([
  'none',
  'active',
  'trialing',
  'past_due',
  'unpaid',
  'canceled',
  'incomplete',
  'incomplete_expired',
  'paused',
]);
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

/** What Pro adds to Free. Free always has demo, paper trading, one live account, desktop and e-mail alerts. */
export const PlanFeature = z.enum(['unlimited-live-accounts', 'mt5', 'sms-alerts', 'scale-out']);
export type PlanFeature = z.infer<typeof PlanFeature>;

export const PLAN_FEATURES: Readonly<Record<Plan, readonly PlanFeature[]>> = {
  free: [],
  pro: PlanFeature.options,
};

/** Live exchange accounts a Free plan may place orders on. */
export const FREE_LIVE_ACCOUNTS = 1;

/**
 * Which statuses keep Pro. `past_due` does: Stripe is still retrying the card (Smart Retries), and the app adds its
 * own grace period on top; `unpaid`, `canceled` and the incomplete ones do not.
 */
export function planForStatus(status: SubscriptionStatus): Plan {
  return status === 'active' || status === 'trialing' || status === 'past_due' ? 'pro' : 'free';
}

/** The audience of every entitlement token: it is meant for the desktop app and nothing else. */
export const ENTITLEMENT_AUDIENCE = 'trade-bot-scratch-app';

/** About a week: long enough to ride out an outage of the account server, short enough that a cancel lands. */
export const ENTITLEMENT_TTL_S = 7 * 24 * 3600;

/** The claims of the entitlement JWT (ES256) besides the registered ones (sub, iss, aud, iat, exp). */
export const EntitlementClaims = z.object({
  plan: Plan,
  status: SubscriptionStatus,
  /** When the paid period ends (or ended), in seconds since the epoch; null without a subscription. */
  periodEnd: z.number().int().nonnegative().nullable(),
  /** The subscription ends at `periodEnd` instead of renewing (cancelled in the portal). */
  cancelAtPeriodEnd: z.boolean(),
  features: z.array(PlanFeature),
});
export type EntitlementClaims = z.infer<typeof EntitlementClaims>;

export const BillingInterval = z.enum(['monthly', 'yearly']);
export type BillingInterval = z.infer<typeof BillingInterval>;

/** `POST /billing/checkout` */
export const CheckoutRequest = z.object({ interval: BillingInterval }).strict();
/** `POST /billing/checkout` and `POST /billing/portal` answer a page to open in the system browser. */
export const RedirectResponse = z.object({ url: z.url() });
export type RedirectResponse = z.infer<typeof RedirectResponse>;

/** `GET /me/entitlements` */
export const EntitlementResponse = z.object({ token: z.string(), claims: EntitlementClaims });
export type EntitlementResponse = z.infer<typeof EntitlementResponse>;

/** `GET /entitlement-key`: the public key that verifies entitlement tokens, as a JWK and as PEM (SPKI). */
export const EntitlementKeyResponse = z.object({
  kid: z.string(),
  jwk: z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() }).loose(),
  pem: z.string(),
});
export type EntitlementKeyResponse = z.infer<typeof EntitlementKeyResponse>;

/** The account server's error body: a stable code and a sentence saying what to do. */
export const AccountServerError = z.object({ error: z.object({ code: z.string(), message: z.string() }) });
export type AccountServerError = z.infer<typeof AccountServerError>;
