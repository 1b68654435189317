// The Plan menu's one sentence on where the plan stands, in the trader's time zone.
import type { PlanStatus } from '../../../src-shared';
import { formatWith } from '../../format/time';
import { t } from '../../i18n';

const day = (ms: number) => formatWith(ms, { year: 'numeric', month: 'short', day: 'numeric' });

export function planStanding(status: PlanStatus): string | undefined {
  if (status.status === 'past_due' && status.plan === 'pro' && status.graceUntil) {
    return t('plan:paymentFailed', { day: day(status.graceUntil) });
  }
  if (status.plan === 'pro' && status.graceUntil) return t('plan:unreachable', { day: day(status.graceUntil) });
  if (status.plan === 'pro' && status.periodEnd) {
    return t(status.cancelAtPeriodEnd ? 'plan:endsOn' : 'plan:renewsOn', { day: day(status.periodEnd) });
  }
  if (status.plan === 'free' && (status.status === 'canceled' || status.status === 'unpaid' || status.status === 'past_due')) {
    return status.periodEnd ? t('plan:endedOn', { day: day(status.periodEnd) }) : t('plan:ended');
  }
  return undefined;
}
