// A local stand-in for the parts of Stripe's API the account server uses — customers, Checkout Sessions, Customer
// Portal sessions, retrieving a subscription — speaking Stripe's documented wire format: form-encoded requests with
// a Bearer secret key, JSON objects back, errors as `{ error: { type, code, message, param } }` with Stripe's HTTP
// statuses, a Request-Id header and Idempotency-Key replay. It also plays the customer's browser pages (the hosted
// checkout and portal) and Stripe's webhook delivery: events signed with stripe-node's own test-header helper.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Stripe from 'stripe';
import { parseStripeForm, type FormObject } from './form';
import {
  API_VERSION,
  errorObject,
  eventObject,
  invoiceObject,
  stripeId,
  subscriptionObject,
  type EventObject,
  type FakePrice,
  type SubscriptionObject,
} from './objects';

export type { EventObject, FakePrice, SubscriptionObject } from './objects';

export interface FakeStripeOptions {
  secretKey: string;
  webhookSecret: string;
  prices: readonly FakePrice[];
  /** Where events are delivered; settable later (the account server's port is known after this one starts). */
  webhookUrl?: string;
  /** Seconds since the epoch, as Stripe's objects count time. */
  now?: () => number;
}

export interface FakeStripeRequest {
  method: string;
  path: string;
  form: FormObject;
  idempotencyKey?: string;
}

export interface Delivery {
  status: number;
  body: string;
}

export interface DeliveryOptions {
  /** The signature's timestamp (seconds); stale ones are what replayed deliveries look like. */
  timestamp?: number;
  /** Sign with another secret (an attacker's, or another endpoint's). */
  secret?: string;
  /** Changes the body after it was signed. */
  alter?: (body: string) => string;
}

export interface FakeStripe {
  /** `{ host, port, protocol }` for `new Stripe(key, …)`, and the same as a base URL. */
  api: { host: string; port: number; protocol: 'http' };
  url: string;
  webhookUrl: string | undefined;
  requests: FakeStripeRequest[];
  customers: Map<string, { id: string; metadata: Record<string, string>; email: string | null }>;
  subscriptions: Map<string, SubscriptionObject>;
  sessions: Map<string, CheckoutSession>;
  /** Answers the next `count` API requests with 500 api_error, as during an incident at Stripe. */
  failNext(count: number): void;
  /** The customer pays: the session completes, a subscription starts; returns the events Stripe would send. */
  completeCheckout(sessionId: string): EventObject[];
  /** Changes a subscription (status, cancel at period end) and returns its `customer.subscription.updated` event. */
  updateSubscription(id: string, change: { status?: string; cancelAtPeriodEnd?: boolean }): EventObject;
  /** Ends a subscription now; returns `customer.subscription.deleted`. */
  cancelSubscription(id: string): EventObject;
  /** A renewal payment fails: the subscription goes past_due; returns `invoice.payment_failed` and the update. */
  failRenewal(id: string): EventObject[];
  /** Sends an event to the webhook URL, signed like Stripe signs it. */
  deliver(event: EventObject, options?: DeliveryOptions): Promise<Delivery>;
  /** The exact body and header of a delivery, for tests that send it themselves. */
  signedDelivery(event: EventObject, options?: DeliveryOptions): { body: string; signature: string };
  close(): Promise<void>;
}

interface CheckoutSession {
  id: string;
  object: 'checkout.session';
  client_reference_id: string | null;
  created: number;
  customer: string;
  expires_at: number;
  livemode: false;
  metadata: Record<string, string>;
  mode: 'subscription';
  payment_status: 'unpaid' | 'paid';
  status: 'open' | 'complete';
  subscription: string | null;
  success_url: string;
  cancel_url: string | null;
  url: string | null;
  priceId: string;
}

const MAX_BODY = 256 * 1024;

class StripeHttpError extends Error {
  constructor(readonly status: number, readonly body: ReturnType<typeof errorObject>) {
    super(body.error.message);
  }
}

const missing = (kind: string, id: string, param = 'id') =>
  new StripeHttpError(404, errorObject('invalid_request_error', `No such ${kind}: '${id}'`, { code: 'resource_missing', param }));
const required = (param: string) =>
  new StripeHttpError(400, errorObject('invalid_request_error', `Missing required param: ${param}.`, { code: 'parameter_missing', param }));

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) throw new StripeHttpError(413, errorObject('invalid_request_error', 'Request too large'));
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startFakeStripe(options: FakeStripeOptions): Promise<FakeStripe> {
  const now = options.now ?? (() => Math.floor(Date.now() / 1000));
  const prices = new Map(options.prices.map((price) => [price.id, price]));
  const requests: FakeStripeRequest[] = [];
  const customers: FakeStripe['customers'] = new Map();
  const subscriptions: FakeStripe['subscriptions'] = new Map();
  const sessions = new Map<string, CheckoutSession>();
  const idempotent = new Map<string, { status: number; json: unknown }>();
  const signer = new Stripe(options.secretKey);
  let failures = 0;

  const server: Server = createServer((request, response) => void handle(request, response));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;

  function publicSession(session: CheckoutSession) {
    const { priceId: _priceId, ...json } = session;
    return json;
  }

  function api(method: string, path: string, form: FormObject): { status: number; json: unknown } {
    let match: RegExpExecArray | null;
    if (method === 'POST' && path === '/v1/customers') {
      const customer = {
        id: stripeId('cus'),
        metadata: (form.metadata ?? {}) as Record<string, string>,
        email: typeof form.email === 'string' ? form.email : null,
      };
      customers.set(customer.id, customer);
      return { status: 200, json: { object: 'customer', created: now(), livemode: false, ...customer } };
    }
    if (method === 'GET' && (match = /^\/v1\/customers\/([\w]+)$/.exec(path))) {
      const customer = customers.get(match[1]!);
      if (!customer) throw missing('customer', match[1]!);
      return { status: 200, json: { object: 'customer', livemode: false, ...customer } };
    }
    if (method === 'POST' && path === '/v1/checkout/sessions') {
      if (form.mode !== 'subscription') throw required('mode');
      if (typeof form.success_url !== 'string') throw required('success_url');
      const customer = String(form.customer ?? '');
      if (!customers.has(customer)) throw missing('customer', customer, 'customer');
      const items = Array.isArray(form.line_items) ? (form.line_items as FormObject[]) : [];
      const priceId = String(items[0]?.price ?? '');
      if (!priceId) throw required('line_items');
      if (!prices.has(priceId)) throw missing('price', priceId, 'line_items[0][price]');
      const id = `cs_test_${stripeId('x').slice(2)}`;
      const session: CheckoutSession = {
        id,
        object: 'checkout.session',
        client_reference_id: typeof form.client_reference_id === 'string' ? form.client_reference_id : null,
        created: now(),
        customer,
        expires_at: now() + 24 * 3600,
        livemode: false,
        metadata: {},
        mode: 'subscription',
        payment_status: 'unpaid',
        status: 'open',
        subscription: null,
        success_url: form.success_url,
        cancel_url: typeof form.cancel_url === 'string' ? form.cancel_url : null,
        url: `${url}/c/pay/${id}`,
        priceId,
      };
      sessions.set(id, session);
      return { status: 200, json: publicSession(session) };
    }
    if (method === 'POST' && path === '/v1/billing_portal/sessions') {
      const customer = String(form.customer ?? '');
      if (!customer) throw required('customer');
      if (!customers.has(customer)) throw missing('customer', customer, 'customer');
      const id = stripeId('bps');
      return {
        status: 200,
        json: { id, object: 'billing_portal.session', created: now(), customer, livemode: false, return_url: form.return_url ?? null, url: `${url}/p/session/${id}?customer=${customer}` },
      };
    }
    if (method === 'GET' && (match = /^\/v1\/subscriptions\/([\w]+)$/.exec(path))) {
      const subscription = subscriptions.get(match[1]!);
      if (!subscription) throw missing('subscription', match[1]!);
      return { status: 200, json: subscription };
    }
    throw new StripeHttpError(404, errorObject('invalid_request_error', `Unrecognized request URL (${method}: ${path}).`));
  }

  function send(response: ServerResponse, status: number, json: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json', 'request-id': stripeId('req'), 'stripe-version': API_VERSION });
    response.end(JSON.stringify(json));
  }

  function html(response: ServerResponse, body: string): void {
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(`<!doctype html><meta charset="utf-8"><title>Stripe (test)</title>${body}`);
  }

  function redirect(response: ServerResponse, to: string): void {
    response.writeHead(303, { location: to });
    response.end();
  }

  /** The hosted pages a customer's browser sees: checkout (pay) and the portal (cancel). */
  async function page(request: IncomingMessage, response: ServerResponse, path: string): Promise<boolean> {
    let match: RegExpExecArray | null;
    if ((match = /^\/c\/pay\/([\w]+)(\/confirm)?$/.exec(path))) {
      const session = sessions.get(match[1]!);
      if (!session) return false;
      if (request.method === 'POST' && match[2]) {
        if (session.status === 'open') await Promise.all(fake.completeCheckout(session.id).map((event) => fake.deliver(event)));
        redirect(response, session.success_url);
      } else {
        const price = prices.get(session.priceId)!;
        html(response, `<h1>Trade Bot Scratch Pro</h1><p>${(price.unitAmount / 100).toFixed(2)} ${price.currency.toUpperCase()} per ${price.interval}</p>` +
          `<form method="post" action="/c/pay/${session.id}/confirm"><button type="submit">Subscribe</button></form>`);
      }
      return true;
    }
    if ((match = /^\/p\/session\/([\w]+)(\/cancel)?$/.exec(path))) {
      const customer = new URL(request.url ?? '/', url).searchParams.get('customer') ?? '';
      const active = [...subscriptions.values()].filter((s) => s.customer === customer && s.status !== 'canceled');
      if (request.method === 'POST' && match[2]) {
        await Promise.all(active.map((s) => fake.deliver(fake.cancelSubscription(s.id))));
        redirect(response, `${url}/p/session/${match[1]}?customer=${customer}`);
      } else {
        html(response, `<h1>Manage your subscription</h1><p>${active.length} active subscription(s)</p>` +
          `<form method="post" action="/p/session/${match[1]}/cancel?customer=${customer}"><button type="submit">Cancel plan</button></form>`);
      }
      return true;
    }
    return false;
  }

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const method = request.method ?? 'GET';
    const path = new URL(request.url ?? '/', url).pathname;
    try {
      const body = await readBody(request);
      if (!path.startsWith('/v1/')) {
        if (await page(request, response, path)) return;
        return send(response, 404, errorObject('invalid_request_error', `Unrecognized request URL (${method}: ${path}).`));
      }
      const form = parseStripeForm(method === 'GET' ? new URL(request.url ?? '/', url).search.slice(1) : body);
      const idempotencyKey = request.headers['idempotency-key'] as string | undefined;
      requests.push({ method, path, form, ...(idempotencyKey ? { idempotencyKey } : {}) });
      if (request.headers.authorization !== `Bearer ${options.secretKey}`) {
        const shown = String(request.headers.authorization ?? '').replace(/^Bearer /, '');
        throw new StripeHttpError(401, errorObject('invalid_request_error', `Invalid API Key provided: ${shown.slice(0, 8)}****${shown.slice(-4)}`));
      }
      if (failures > 0) {
        failures -= 1;
        throw new StripeHttpError(500, errorObject('api_error', 'An unknown error occurred'));
      }
      const key = idempotencyKey ? `${method} ${path} ${idempotencyKey}` : undefined;
      const replay = key ? idempotent.get(key) : undefined;
      const answer = replay ?? api(method, path, form);
      if (key) idempotent.set(key, answer);
      send(response, answer.status, answer.json);
    } catch (error) {
      if (error instanceof StripeHttpError) return send(response, error.status, error.body);
      send(response, 500, errorObject('api_error', `fake Stripe failed: ${(error as Error).message}`));
    }
  }

  function subscription(id: string): SubscriptionObject {
    const found = subscriptions.get(id);
    if (!found) throw new Error(`fake Stripe: no subscription ${id}`);
    return found;
  }

  const snapshot = <T>(value: T): T => structuredClone(value);

  const fake: FakeStripe = {
    api: { host: '127.0.0.1', port, protocol: 'http' },
    url,
    webhookUrl: options.webhookUrl,
    requests,
    customers,
    subscriptions,
    sessions,
    failNext(count) {
      failures = count;
    },
    completeCheckout(sessionId) {
      const session = sessions.get(sessionId);
      if (!session || session.status !== 'open') throw new Error(`fake Stripe: no open checkout session ${sessionId}`);
      const price = prices.get(session.priceId)!;
      const created = subscriptionObject({ customer: session.customer, price, start: now() });
      const invoice = invoiceObject({ customer: session.customer, subscription: created.id, amount: price.unitAmount, currency: price.currency, paid: true, created: now() });
      created.latest_invoice = invoice.id;
      subscriptions.set(created.id, created);
      Object.assign(session, { status: 'complete', payment_status: 'paid', subscription: created.id, url: null });
      return [
        eventObject('customer.subscription.created', snapshot(created), now()),
        eventObject('invoice.paid', invoice, now()),
        eventObject('checkout.session.completed', publicSession(session), now()),
      ];
    },
    updateSubscription(id, change) {
      const found = subscription(id);
      if (change.status) found.status = change.status;
      if (change.cancelAtPeriodEnd !== undefined) {
        found.cancel_at_period_end = change.cancelAtPeriodEnd;
        found.cancel_at = change.cancelAtPeriodEnd ? found.items.data[0]!.current_period_end : null;
      }
      return eventObject('customer.subscription.updated', snapshot(found), now());
    },
    cancelSubscription(id) {
      const found = subscription(id);
      Object.assign(found, { status: 'canceled', canceled_at: now(), ended_at: now() });
      return eventObject('customer.subscription.deleted', snapshot(found), now());
    },
    failRenewal(id) {
      const found = subscription(id);
      const price = prices.get(found.items.data[0]!.price.id)!;
      const invoice = invoiceObject({ customer: found.customer, subscription: id, amount: price.unitAmount, currency: price.currency, paid: false, created: now() });
      found.latest_invoice = invoice.id;
      return [eventObject('invoice.payment_failed', invoice, now()), fake.updateSubscription(id, { status: 'past_due' })];
    },
    signedDelivery(event, deliveryOptions = {}) {
      const payload = JSON.stringify(event, null, 2);
      const signature = signer.webhooks.generateTestHeaderString({
        payload,
        secret: deliveryOptions.secret ?? options.webhookSecret,
        timestamp: deliveryOptions.timestamp ?? now(),
      });
      return { body: deliveryOptions.alter ? deliveryOptions.alter(payload) : payload, signature };
    },
    async deliver(event, deliveryOptions) {
      if (!fake.webhookUrl) throw new Error('fake Stripe: no webhook URL to deliver to');
      const { body, signature } = fake.signedDelivery(event, deliveryOptions);
      const response = await fetch(fake.webhookUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8', 'stripe-signature': signature, 'user-agent': 'Stripe/1.0 (+https://stripe.com/docs/webhooks)' },
        body,
      });
      return { status: response.status, body: await response.text() };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  return fake;
}
