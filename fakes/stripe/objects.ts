// The JSON shapes of Stripe's API objects the account server reads, as documented for API version 2026-11-18
// (stripe-node 23): the subscription period on each item, the invoice's subscription under `parent`.
import { randomBytes } from 'node:crypto';

export const API_VERSION = '2026-11-18.endive';

export const stripeId = (prefix: string): string => `${prefix}_${randomBytes(12).toString('base64url').replace(/[-_]/g, 'x')}`;

export interface FakePrice {
  id: string;
  interval: 'month' | 'year';
  unitAmount: number;
  currency: string;
}

export const priceObject = (price: FakePrice) => ({
  id: price.id,
  object: 'price',
  active: true,
  currency: price.currency,
  livemode: false,
  product: 'prod_TradeBotPro',
  recurring: { interval: price.interval, interval_count: 1, usage_type: 'licensed' },
  type: 'recurring',
  unit_amount: price.unitAmount,
});

export type SubscriptionObject = ReturnType<typeof subscriptionObject>;

export function subscriptionObject(input: { customer: string; price: FakePrice; start: number }) {
  const id = stripeId('sub');
  const periodEnd = input.start + (input.price.interval === 'month' ? 30 : 365) * 86400;
  return {
    id,
    object: 'subscription' as const,
    billing_cycle_anchor: input.start,
    cancel_at: null as number | null,
    cancel_at_period_end: false,
    canceled_at: null as number | null,
    collection_method: 'charge_automatically',
    created: input.start,
    currency: input.price.currency,
    customer: input.customer,
    ended_at: null as number | null,
    items: {
      object: 'list' as const,
      data: [
        {
          id: stripeId('si'),
          object: 'subscription_item' as const,
          created: input.start,
          current_period_start: input.start,
          current_period_end: periodEnd,
          price: priceObject(input.price),
          quantity: 1,
          subscription: id,
        },
      ],
      has_more: false,
      url: `/v1/subscription_items?subscription=${id}`,
    },
    latest_invoice: null as string | null,
    livemode: false,
    metadata: {},
    start_date: input.start,
    status: 'active' as string,
  };
}

export function invoiceObject(input: { customer: string; subscription: string; amount: number; currency: string; paid: boolean; created: number }) {
  return {
    id: stripeId('in'),
    object: 'invoice' as const,
    amount_due: input.amount,
    amount_paid: input.paid ? input.amount : 0,
    amount_remaining: input.paid ? 0 : input.amount,
    attempt_count: 1,
    billing_reason: 'subscription_cycle',
    created: input.created,
    currency: input.currency,
    customer: input.customer,
    livemode: false,
    next_payment_attempt: input.paid ? null : input.created + 3 * 86400,
    parent: { type: 'subscription_details', quote_details: null, subscription_details: { metadata: {}, subscription: input.subscription } },
    status: input.paid ? 'paid' : 'open',
  };
}

export function eventObject(type: string, object: object, created: number) {
  return {
    id: stripeId('evt'),
    object: 'event' as const,
    api_version: API_VERSION,
    created,
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

export type EventObject = ReturnType<typeof eventObject>;

/** Stripe's error body: `{ error: { type, code?, message, param?, doc_url? } }`. */
export function errorObject(type: string, message: string, extra: { code?: string; param?: string } = {}) {
  return {
    error: {
      type,
      message,
      ...(extra.code ? { code: extra.code, doc_url: `https://stripe.com/docs/error-codes/${extra.code.replace(/_/g, '-')}` } : {}),
      ...(extra.param ? { param: extra.param } : {}),
    },
  };
}
