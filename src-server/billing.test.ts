// Checkout, the portal, and Stripe's webhooks end to end: stripe-node against the fake Stripe, events signed with
// Stripe's own test-header helper, the plan read back as a signed entitlement token.
import { decodeProtectedHeader, importSPKI, jwtVerify } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ENTITLEMENT_AUDIENCE, EntitlementClaims, EntitlementKeyResponse, EntitlementResponse, ENTITLEMENT_TTL_S, RedirectResponse } from '../src-shared/billing';
import type { EventObject } from '../fakes/stripe';
import { PRICES, SECRET_KEY, startAccountServer, WEBHOOK_SECRET, type Harness } from '../fakes/account-server';
import { StripeGateway } from './stripe-gateway';

let h: Harness;
beforeEach(async () => {
  h = await startAccountServer();
});
afterEach(async () => h.close());

async function entitlements() {
  const response = await h.call('GET', '/me/entitlements');
  expect(response.status).toBe(200);
  return EntitlementResponse.parse(response.json);
}

/** Starts a checkout as the signed-in user and returns the fake Stripe's session id. */
async function checkout(interval: 'monthly' | 'yearly' = 'monthly'): Promise<string> {
  const response = await h.call('POST', '/billing/checkout', { body: { interval } });
  expect(response.status).toBe(200);
  const { url } = RedirectResponse.parse(response.json);
  return /\/c\/pay\/(cs_test_\w+)$/.exec(url)![1]!;
}

const subscriptionReads = () => h.stripe.requests.filter((r) => r.method === 'GET' && r.path.startsWith('/v1/subscriptions/')).length;

async function deliverAll(events: readonly EventObject[]) {
  for (const event of events) expect((await h.stripe.deliver(event)).status).toBe(200);
  await h.server.queue.idle();
}

describe('checkout', () => {
  it('creates one customer for the subject, and a subscription checkout session at the chosen price', async () => {
    const sessionId = await checkout('yearly');
    const session = h.stripe.sessions.get(sessionId)!;
    expect(session).toMatchObject({ mode: 'subscription', client_reference_id: 'auth0|alice', priceId: PRICES.yearly, status: 'open' });
    expect(session.success_url).toContain('/billing/return?checkout=success');
    expect([...h.stripe.customers.values()]).toEqual([{ id: session.customer, metadata: { auth0_subject: 'auth0|alice' }, email: null }]);
    await checkout('monthly');
    expect(h.stripe.customers.size).toBe(1);
    expect(h.repository.customerOf('auth0|alice')).toBe(session.customer);
  });

  it('creates a single customer when the first requests of a subject race', async () => {
    const answers = await Promise.all(Array.from({ length: 5 }, () => h.call('POST', '/billing/checkout', { body: { interval: 'monthly' } })));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200]);
    expect(h.stripe.customers.size).toBe(1);
    expect(h.repository.counts().customers).toBe(1);
  });

  it('refuses an unknown interval without calling Stripe', async () => {
    const response = await h.call('POST', '/billing/checkout', { body: { interval: 'weekly' } });
    expect(response.status).toBe(400);
    expect(response.json).toMatchObject({ error: { code: 'INVALID_REQUEST' } });
    expect(h.stripe.requests).toEqual([]);
  });

  it('says Stripe failed, as 502, when Stripe answers an error', async () => {
    h.stripe.failNext(5);
    const response = await h.call('POST', '/billing/checkout', { body: { interval: 'monthly' } });
    expect(response.status).toBe(502);
    expect(response.json).toMatchObject({ error: { code: 'BILLING_UNAVAILABLE' } });
    expect(String((response.json.error as { message: string }).message)).not.toContain('sk_test');
  });

  it('completing the checkout makes the user Pro, with a token the public key verifies for about 7 days', async () => {
    expect((await entitlements()).claims).toEqual({ plan: 'free', status: 'none', periodEnd: null, cancelAtPeriodEnd: false, features: [] });
    const events = h.stripe.completeCheckout(await checkout());
    await deliverAll(events.filter((e) => e.type === 'checkout.session.completed'));
    const { token, claims } = await entitlements();
    const subscription = [...h.stripe.subscriptions.values()][0]!;
    expect(claims).toEqual({
      plan: 'pro',
      status: 'active',
      periodEnd: subscription.items.data[0]!.current_period_end,
      cancelAtPeriodEnd: false,
      features: ['unlimited-live-accounts', 'mt5', 'sms-alerts', 'scale-out'],
    });
    const key = EntitlementKeyResponse.parse(await (await fetch(`${h.url}/entitlement-key`)).json());
    expect(decodeProtectedHeader(token)).toMatchObject({ alg: 'ES256', kid: key.kid });
    const { payload } = await jwtVerify(token, await importSPKI(key.pem, 'ES256'), { audience: ENTITLEMENT_AUDIENCE, algorithms: ['ES256'] });
    expect(EntitlementClaims.parse(payload)).toEqual(claims);
    expect(payload.sub).toBe('auth0|alice');
    expect(payload.exp! - payload.iat!).toBe(ENTITLEMENT_TTL_S);
  });

  it('refuses a second checkout while the account has Pro: the portal changes a paid plan', async () => {
    await deliverAll(h.stripe.completeCheckout(await checkout()));
    const sessions = h.stripe.sessions.size;
    const again = await h.call('POST', '/billing/checkout', { body: { interval: 'yearly' } });
    expect(again.status).toBe(409);
    expect(again.json).toMatchObject({ error: { code: 'ALREADY_SUBSCRIBED' } });
    expect(h.stripe.sessions.size).toBe(sessions);
  });

  it('gets the same customer back from Stripe when creating one is retried (idempotency key per subject)', async () => {
    const gateway = new StripeGateway({ secretKey: SECRET_KEY, webhookSecret: WEBHOOK_SECRET, prices: PRICES, api: h.stripe.api });
    const [first, second] = await Promise.all([gateway.createCustomer('auth0|bob'), gateway.createCustomer('auth0|bob')]);
    expect(second).toBe(first);
    expect(await gateway.createCustomer('auth0|carol')).not.toBe(first);
    expect(h.stripe.customers.size).toBe(2);
  });

  it('opens the customer portal for the same customer', async () => {
    await checkout();
    const response = await h.call('POST', '/billing/portal');
    expect(response.status).toBe(200);
    const { url } = RedirectResponse.parse(response.json);
    expect(url).toContain(`customer=${h.repository.customerOf('auth0|alice')}`);
  });
});

describe('the request log', () => {
  it('records each request without its access token, Stripe signature or the secret key', async () => {
    const logged = await startAccountServer({ recordRequestLog: true });
    try {
      const token = await logged.token();
      await logged.call('POST', '/billing/checkout', { token, body: { interval: 'monthly' } });
      await logged.call('GET', '/me/entitlements', { token });
      const session = [...logged.stripe.sessions.keys()][0]!;
      const [, , completed] = logged.stripe.completeCheckout(session);
      const { body, signature } = logged.stripe.signedDelivery(completed!);
      const delivered = await fetch(`${logged.url}/stripe/webhook`, { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body });
      expect(delivered.status).toBe(200);
      const text = logged.requestLog.join('');
      expect(text).toContain('/me/entitlements');
      expect(text).toContain('/stripe/webhook');
      for (const secret of [token, token.split('.')[2]!, signature.split('v1=')[1]!, SECRET_KEY, WEBHOOK_SECRET]) expect(text).not.toContain(secret);
    } finally {
      await logged.close();
    }
  });
});

describe('webhooks', () => {
  it('processes an event delivered 10 times at once exactly once', async () => {
    const [, , completed] = h.stripe.completeCheckout(await checkout());
    const answers = await Promise.all(Array.from({ length: 10 }, () => h.stripe.deliver(completed!)));
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(200));
    expect(answers.filter((a) => JSON.parse(a.body).duplicate === false)).toHaveLength(1);
    await h.server.queue.idle();
    expect(subscriptionReads()).toBe(1);
    expect(h.repository.counts()).toMatchObject({ subscriptions: 1, events: 1 });
    expect(h.repository.eventState(completed!.id)).toEqual({ state: 'done', attempts: 1 });
    expect((await entitlements()).claims.plan).toBe('pro');
  });

  it('ends with Stripe’s current state whatever order the events arrive in', async () => {
    const created = h.stripe.completeCheckout(await checkout());
    const subscriptionId = [...h.stripe.subscriptions.keys()][0]!;
    const updated = h.stripe.updateSubscription(subscriptionId, { cancelAtPeriodEnd: true });
    const deleted = h.stripe.cancelSubscription(subscriptionId);
    // Newest first: the deletion, then the update and the creation that preceded it.
    await deliverAll([deleted, updated, ...created.reverse()]);
    expect((await entitlements()).claims).toMatchObject({ plan: 'free', status: 'canceled', cancelAtPeriodEnd: true });
  });

  it('keeps Pro while a payment is past due, and drops to Free when the subscription is deleted', async () => {
    await deliverAll(h.stripe.completeCheckout(await checkout()));
    const subscriptionId = [...h.stripe.subscriptions.keys()][0]!;
    await deliverAll(h.stripe.failRenewal(subscriptionId));
    expect((await entitlements()).claims).toMatchObject({ plan: 'pro', status: 'past_due' });
    await deliverAll([h.stripe.cancelSubscription(subscriptionId)]);
    expect((await entitlements()).claims).toMatchObject({ plan: 'free', status: 'canceled', features: [] });
  });

  it('re-reads the customer’s subscriptions on payment_intent.succeeded, which names no subscription', async () => {
    await deliverAll(h.stripe.completeCheckout(await checkout()));
    const subscriptionId = [...h.stripe.subscriptions.keys()][0]!;
    h.stripe.subscriptions.get(subscriptionId)!.status = 'unpaid';
    const customer = h.repository.customerOf('auth0|alice')!;
    const intent = { id: 'pi_test_1', object: 'payment_intent', customer, status: 'succeeded', amount: 1900, currency: 'usd' };
    await deliverAll([{ ...h.stripe.updateSubscription(subscriptionId, {}), id: 'evt_pi_1', type: 'payment_intent.succeeded', data: { object: intent } } as unknown as EventObject]);
    expect((await entitlements()).claims).toMatchObject({ plan: 'free', status: 'unpaid' });
  });

  it('retries an event while Stripe cannot be read, without asking Stripe to deliver it again', async () => {
    const [, , completed] = h.stripe.completeCheckout(await checkout());
    h.stripe.failNext(4); // stripe-node retries once: two failed attempts
    expect((await h.stripe.deliver(completed!)).status).toBe(200);
    await expect.poll(() => h.repository.eventState(completed!.id)?.state, { timeout: 10_000 }).toBe('done');
    expect(h.repository.eventState(completed!.id)!.attempts).toBeGreaterThan(1);
    expect(h.log.some((line) => line.includes(`webhook event ${completed!.id}`) && line.includes('postponed'))).toBe(true);
    expect((await entitlements()).claims.plan).toBe('pro');
  });

  describe('refuses with 400 and writes nothing', () => {
    let completed: EventObject;
    beforeEach(async () => {
      completed = h.stripe.completeCheckout(await checkout())[2]!;
    });

    async function refused(body: string, signature: string | undefined) {
      const response = await fetch(`${h.url}/stripe/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(signature ? { 'stripe-signature': signature } : {}) },
        body,
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: { code: 'BAD_SIGNATURE' } });
      await h.server.queue.idle();
      expect(h.repository.counts()).toEqual({ customers: 1, subscriptions: 0, events: 0 });
      expect(subscriptionReads()).toBe(0);
    }

    it('a signature made with another secret', async () => {
      const { body, signature } = h.stripe.signedDelivery(completed, { secret: 'whsec_attacker_secret_000000' });
      await refused(body, signature);
    });

    it('a stale timestamp (a replayed delivery)', async () => {
      const { body, signature } = h.stripe.signedDelivery(completed, { timestamp: Math.floor(Date.now() / 1000) - 301 });
      await refused(body, signature);
    });

    it('a body altered after signing', async () => {
      const { body, signature } = h.stripe.signedDelivery(completed, { alter: (b) => b.replace('"paid"', '"unpaid"') });
      await refused(body, signature);
    });

    it('no signature at all', async () => {
      await refused(h.stripe.signedDelivery(completed).body, undefined);
    });

    it('a body over the size limit, before reading it', async () => {
      const { signature } = h.stripe.signedDelivery(completed);
      const response = await fetch(`${h.url}/stripe/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'stripe-signature': signature },
        body: `{"pad":"${'x'.repeat(600 * 1024)}"}`,
      });
      expect(response.status).toBe(413);
      expect(h.repository.counts().events).toBe(0);
    });
  });
});
