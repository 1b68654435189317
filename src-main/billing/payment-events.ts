// What changed between two verified entitlements, as the events the notifications and the UI care about. The
// account server is asked, not told (the app has no inbound channel), so a payment shows as a change of status.
import { PAST_DUE_GRACE_MS, type PaymentEvent } from '../../src-shared';
import type { BusTopics } from '../events';
import type { VerifiedEntitlement } from './entitlement-token';

type PaymentTopic = 'payment.succeeded' | 'payment.failed' | 'subscription.cancelled';
export type PaymentChange = { topic: PaymentTopic; payload: BusTopics[PaymentTopic] };

const PAYING = new Set(['active', 'trialing']);
const ENDED = new Set(['canceled', 'unpaid', 'incomplete_expired']);

export function paymentChanges(before: VerifiedEntitlement | undefined, after: VerifiedEntitlement, now: number): PaymentChange[] {
  // The first plan the app ever reads is not news: nothing was paid or missed since it last looked.
  if (!before) return [];
  const periodEnd = after.periodEnd === null ? undefined : after.periodEnd * 1000;
  const event = (extra: Partial<PaymentEvent> = {}): PaymentEvent => ({
    at: now,
    plan: after.plan,
    status: after.status,
    ...(periodEnd !== undefined ? { periodEnd } : {}),
    ...extra,
  });
  if (after.status === 'past_due' && before.status !== 'past_due') {
    return [{ topic: 'payment.failed', payload: event({ updateBefore: (periodEnd ?? now) + PAST_DUE_GRACE_MS }) }];
  }
  if (PAYING.has(after.status)) {
    const started = !PAYING.has(before.status);
    const renewed = before.status === after.status && (after.periodEnd ?? 0) > (before.periodEnd ?? 0);
    return started || renewed ? [{ topic: 'payment.succeeded', payload: event() }] : [];
  }
  if (ENDED.has(after.status) && before.plan === 'pro') return [{ topic: 'subscription.cancelled', payload: event() }];
  return [];
}
