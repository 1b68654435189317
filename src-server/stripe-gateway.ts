// The only file that speaks to Stripe (stripe-node): customers, Checkout and Customer Portal sessions, reading a
// subscription back, and verifying a webhook's signature. Everything above it sees plain values.
import { createHash } from 'node:crypto';
import Stripe from 'stripe';
import { SubscriptionStatus, type BillingInterval } from '../src-shared/billing';
import type { StoredSubscription } from './repository';
import type { ServerSettings } from './settings';

export class StripeUnavailableError extends Error {
  constructor(message: string, readonly status?: number) {
    super(message);
    this.name = 'StripeUnavailableError';
  }
}

/** The parts of a verified event the server acts on. */
export interface VerifiedEvent {
  id: string;
  type: string;
  objectId: string | null;
  customerId: string | null;
  subscriptionId: string | null;
}

const idOf = (value: unknown): string | null => {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as { id?: unknown }).id === 'string') return (value as { id: string }).id;
  return null;
};

/** Which subscription an event is about, wherever that event type keeps it (API version 2025-03-31 and later). */
function subscriptionIdOf(event: Stripe.Event): string | null {
  const object = event.data.object as unknown as Record<string, unknown>;
  if (event.type.startsWith('customer.subscription.')) return idOf(object.id);
  if (event.type === 'checkout.session.completed') return idOf(object.subscription);
  if (event.type.startsWith('invoice.')) {
    const parent = object.parent as { subscription_details?: { subscription?: unknown } | null } | null | undefined;
    return idOf(parent?.subscription_details?.subscription);
  }
  return null;
}

function toStored(subscription: Stripe.Subscription, now: number): StoredSubscription {
  const status = SubscriptionStatus.safeParse(subscription.status);
  // Since API version 2025-03-31 the period lives on each item; the subscription renews when its last item does.
  const ends = subscription.items.data.map((item) => item.current_period_end).filter((end) => typeof end === 'number');
  return {
    subscriptionId: subscription.id,
    customerId: idOf(subscription.customer) ?? '',
    status: status.success ? status.data : 'incomplete',
    priceId: subscription.items.data[0]?.price.id ?? null,
    periodEnd: ends.length > 0 ? Math.max(...ends) : null,
    cancelAtPeriodEnd: subscription.cancel_at_period_end,
    readAt: now,
  };
}

export class StripeGateway {
  private readonly stripe: Stripe;

  constructor(private readonly settings: ServerSettings['stripe']) {
    this.stripe = new Stripe(settings.secretKey, {
      ...(settings.api ?? {}),
      // Short: a caller (the app, or Stripe's own webhook delivery) is waiting; a failure is retried by them or the queue.
      timeout: 10_000,
      maxNetworkRetries: 1,
      appInfo: { name: 'trade-bot-scratch-account-server' },
    });
  }

  private async call<T>(what: string, request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      if (error instanceof Stripe.errors.StripeError) {
        // Stripe's message never contains the secret key; the request id helps Stripe support find the call.
        throw new StripeUnavailableError(`Stripe refused to ${what}: ${error.message}${error.requestId ? ` (request ${error.requestId})` : ''}`, error.statusCode);
      }
      throw new StripeUnavailableError(`Stripe could not be reached to ${what}: ${(error as Error).message}`);
    }
  }

  /**
   * Creates the customer of an Auth0 subject. The idempotency key is derived from the subject, so a retry (or two
   * first requests racing on two servers) gets back the same customer from Stripe instead of a second one.
   */
  async createCustomer(subject: string, email?: string): Promise<string> {
    const key = `customer-${createHash('sha256').update(subject).digest('hex').slice(0, 40)}`;
    const customer = await this.call('create the customer', () =>
      this.stripe.customers.create({ metadata: { auth0_subject: subject }, ...(email ? { email } : {}) }, { idempotencyKey: key }),
    );
    return customer.id;
  }

  async createCheckoutSession(customerId: string, subject: string, interval: BillingInterval, returnUrl: string): Promise<string> {
    const session = await this.call('start a checkout', () =>
      this.stripe.checkout.sessions.create({
        mode: 'subscription',
        customer: customerId,
        client_reference_id: subject,
        line_items: [{ price: this.settings.prices[interval], quantity: 1 }],
        success_url: `${returnUrl}?checkout=success`,
        cancel_url: `${returnUrl}?checkout=cancelled`,
      }),
    );
    if (!session.url) throw new StripeUnavailableError('Stripe returned a checkout session without a URL');
    return session.url;
  }

  async createPortalSession(customerId: string, returnUrl: string): Promise<string> {
    const session = await this.call('open the customer portal', () =>
      this.stripe.billingPortal.sessions.create({ customer: customerId, return_url: returnUrl }),
    );
    return session.url;
  }

  /** The subscription as Stripe has it now, whatever order its events came in. */
  async readSubscription(subscriptionId: string, now: number): Promise<StoredSubscription> {
    const subscription = await this.call('read the subscription', () => this.stripe.subscriptions.retrieve(subscriptionId));
    return toStored(subscription, now);
  }

  /** Verifies the signature and timestamp of a webhook delivery; throws when either is wrong. */
  verifyEvent(rawBody: Buffer, signature: string, receivedAt: number): VerifiedEvent {
    const event = this.stripe.webhooks.constructEvent(rawBody, signature, this.settings.webhookSecret, undefined, undefined, receivedAt);
    const object = event.data.object as unknown as Record<string, unknown>;
    return {
      id: event.id,
      type: event.type,
      objectId: idOf(object.id),
      customerId: idOf(object.customer),
      subscriptionId: subscriptionIdOf(event),
    };
  }
}
