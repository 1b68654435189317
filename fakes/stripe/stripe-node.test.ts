// The fake speaks Stripe's wire format as stripe-node reads it: objects, documented errors (mapped by the SDK to its
// own error classes), bracketed form bodies and Idempotency-Key replay.
import Stripe from 'stripe';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseStripeForm } from './form';
import { startFakeStripe, type FakeStripe } from './index';

const KEY = 'sk_test_fake000000000000';
let fake: FakeStripe;
let stripe: Stripe;
beforeEach(async () => {
  fake = await startFakeStripe({ secretKey: KEY, webhookSecret: 'whsec_fake', prices: [{ id: 'price_m', interval: 'month', unitAmount: 1900, currency: 'usd' }] });
  stripe = new Stripe(KEY, { ...fake.api, maxNetworkRetries: 0 });
});
afterEach(async () => fake.close());

describe('fake Stripe through stripe-node', () => {
  it('reads nested form fields the way Stripe does', () => {
    expect(parseStripeForm('line_items[0][price]=price_m&line_items[0][quantity]=1&metadata[auth0_subject]=auth0%7Calice&expand[0]=a&expand[1]=b&mode=subscription')).toEqual({
      line_items: [{ price: 'price_m', quantity: '1' }],
      metadata: { auth0_subject: 'auth0|alice' },
      expand: ['a', 'b'],
      mode: 'subscription',
    });
  });

  it('creates a customer and a subscription checkout session, and completes it into a subscription', async () => {
    const customer = await stripe.customers.create({ metadata: { auth0_subject: 'auth0|alice' } });
    const session = await stripe.checkout.sessions.create({ mode: 'subscription', customer: customer.id, line_items: [{ price: 'price_m', quantity: 1 }], success_url: 'http://127.0.0.1/ok' });
    expect(session).toMatchObject({ object: 'checkout.session', status: 'open', customer: customer.id, mode: 'subscription' });
    const events = fake.completeCheckout(session.id);
    expect(events.map((e) => e.type)).toEqual(['customer.subscription.created', 'invoice.paid', 'checkout.session.completed']);
    const subscription = await stripe.subscriptions.retrieve(fake.sessions.get(session.id)!.subscription!);
    expect(subscription).toMatchObject({ object: 'subscription', status: 'active', customer: customer.id });
    expect(subscription.items.data[0]!.current_period_end).toBeGreaterThan(subscription.items.data[0]!.current_period_start);
  });

  it('answers errors in Stripe’s format, which stripe-node turns into its error classes', async () => {
    const missing = await stripe.subscriptions.retrieve('sub_missing').catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(Stripe.errors.StripeInvalidRequestError);
    expect(missing).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'id', type: 'StripeInvalidRequestError' });
    expect((missing as Error).message).toContain("No such subscription: 'sub_missing'");
    const customer = await stripe.customers.create({});
    const badPrice = await stripe.checkout.sessions
      .create({ mode: 'subscription', customer: customer.id, line_items: [{ price: 'price_nope', quantity: 1 }], success_url: 'http://127.0.0.1/ok' })
      .catch((e: unknown) => e);
    expect(badPrice).toMatchObject({ statusCode: 404, code: 'resource_missing', param: 'line_items[0][price]' });
    const wrongKey = await new Stripe('sk_test_wrong00000000', { ...fake.api, maxNetworkRetries: 0 }).customers.create({}).catch((e: unknown) => e);
    expect(wrongKey).toBeInstanceOf(Stripe.errors.StripeAuthenticationError);
    expect((wrongKey as Error).message).not.toContain('sk_test_wrong00000000');
  });

  it('replays an answer for a repeated Idempotency-Key, and signs webhooks that constructEvent accepts', async () => {
    const first = await stripe.customers.create({}, { idempotencyKey: 'k1' });
    const again = await stripe.customers.create({}, { idempotencyKey: 'k1' });
    expect(again.id).toBe(first.id);
    expect(fake.customers.size).toBe(1);
    const session = await stripe.checkout.sessions.create({ mode: 'subscription', customer: first.id, line_items: [{ price: 'price_m', quantity: 1 }], success_url: 'http://127.0.0.1/ok' });
    fake.completeCheckout(session.id);
    const event = fake.updateSubscription(fake.sessions.get(session.id)!.subscription!, { cancelAtPeriodEnd: true });
    const { body, signature } = fake.signedDelivery(event);
    expect(stripe.webhooks.constructEvent(body, signature, 'whsec_fake')).toMatchObject({ id: event.id, type: 'customer.subscription.updated' });
  });
});
