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

/** Pro kept after a payment failed, counted from the end of the paid period: time to update the card. */
export const PAST_DUE_GRACE_MS = 7 * 24 * 3600 * 1000;
/** The last verified plan kept after its token expired while the account server cannot be reached. */
export const OFFLINE_GRACE_MS = 3 * 24 * 3600 * 1000;

/** What the app shows in its Plan menu, and what gates its features. Times in ms since the epoch. */
export const PlanStatus = z.object({
  /**
   * An account server is configured: plans apply. Without one (self-hosted, development) everything is available,
   * the app never asks to sign in for a plan, and the Plan menu is not shown.
   */
  configured: z.boolean(),
  signedIn: z.boolean(),
  /** The plan in force now (after any grace period). */
  plan: Plan,
  /** The subscription's status as last verified. */
  status: SubscriptionStatus,
  features: z.array(PlanFeature),
  /** When the paid period ends: the renewal date, or the end date when `cancelAtPeriodEnd`. */
  periodEnd: z.number().int().nonnegative().optional(),
  cancelAtPeriodEnd: z.boolean(),
  /** Pro is kept until then though a payment failed or the account server could not be reached. */
  graceUntil: z.number().int().nonnegative().optional(),
  /** When the account server last confirmed the plan. */
  verifiedAt: z.number().int().nonnegative().optional(),
  /** Why the plan could not be read or confirmed, in words. */
  problem: z.string().optional(),
});
export type PlanStatus = z.infer<typeof PlanStatus>;

const NoPayload = z.object({}).strict();

export const billingChannels = {
  'billing:status': { req: NoPayload, res: PlanStatus },
  /** Asks the account server for the plan now (after paying, or to check a renewal). */
  'billing:refresh': { req: NoPayload, res: PlanStatus },
  /**
   * Opens Stripe Checkout for Pro in the system browser (the headless host asks the calling page, with
   * `auth.open-url`, as for a sign-in); answers its address too.
   */
  'billing:checkout': { req: z.object({ interval: BillingInterval }).strict(), res: RedirectResponse },
  /** Opens the Stripe customer portal (cancel, change card, invoices) in the system browser. */
  'billing:portal': { req: NoPayload, res: RedirectResponse },
} as const;

export const billingEvents = {
  'billing.status-changed': PlanStatus,
} as const;

/** Bus payloads (src-main/events) of `payment.succeeded`, `payment.failed` and `subscription.cancelled`. */
export interface PaymentEvent {
  at: number;
  plan: Plan;
  status: SubscriptionStatus;
  periodEnd?: number;
  /** payment.failed: Pro stays until then; the card must be updated before. */
  updateBefore?: number;
}
