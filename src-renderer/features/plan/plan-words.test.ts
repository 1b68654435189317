import { afterEach, describe, expect, it } from 'vitest';
import type { PlanStatus } from '../../../src-shared';
import { setTimeZone } from '../../format/time';
import { planStanding } from './plan-words';

const base: PlanStatus = { configured: true, signedIn: true, plan: 'pro', status: 'active', features: [], cancelAtPeriodEnd: false };
const DEC_18 = Date.UTC(2026, 11, 18, 12);

describe('where the plan stands, in words', () => {
  afterEach(() => setTimeZone('local'));

  it('names the renewal or the end of a paid period, and a failed payment’s deadline first', () => {
    setTimeZone('utc');
    expect(planStanding({ ...base, periodEnd: DEC_18 })).toMatch(/^Renews on .*18.*2026\.$/);
    expect(planStanding({ ...base, periodEnd: DEC_18, cancelAtPeriodEnd: true })).toMatch(/^Pro ends on .*18/);
    expect(planStanding({ ...base, status: 'past_due', periodEnd: Date.UTC(2026, 11, 11), graceUntil: DEC_18 })).toMatch(/^A payment failed: update your card before .*18.* to keep Pro\.$/);
    expect(planStanding({ ...base, periodEnd: DEC_18, graceUntil: DEC_18 })).toMatch(/could not be reached: Pro is kept until .*18/);
  });

  it('says when Pro ended, and nothing on a Free plan that never had it', () => {
    setTimeZone('utc');
    expect(planStanding({ ...base, plan: 'free', status: 'canceled', periodEnd: DEC_18 })).toMatch(/^Your Pro plan ended on .*18.*Open orders are not affected\.$/);
    expect(planStanding({ ...base, plan: 'free', status: 'none' })).toBeUndefined();
  });
});
