// The Plan menu's one sentence on where the plan stands, in the trader's time zone.
import type { PlanStatus } from '../../../src-shared';
import { formatWith } from '../../format/time';

const day = (ms: number) => formatWith(ms, { year: 'numeric', month: 'short', day: 'numeric' });

export function planStanding(status: PlanStatus): string | undefined {
  if (status.status === 'past_due' && status.plan === 'pro' && status.graceUntil) {
    return `A payment failed: update your card before ${day(status.graceUntil)} to keep Pro.`;
  }
  if (status.plan === 'pro' && status.graceUntil) return `The account server could not be reached: Pro is kept until ${day(status.graceUntil)}.`;
  if (status.plan === 'pro' && status.periodEnd) {
    return status.cancelAtPeriodEnd ? `Pro ends on ${day(status.periodEnd)}.` : `Renews on ${day(status.periodEnd)}.`;
  }
  if (status.plan === 'free' && (status.status === 'canceled' || status.status === 'unpaid' || status.status === 'past_due')) {
    return `Your Pro plan ended${status.periodEnd ? ` on ${day(status.periodEnd)}` : ''}. Open orders are not affected.`;
  }
  return undefined;
}
