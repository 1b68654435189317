// The plan's bus events (src-main/billing) as notifications, whatever the trader's routing (the failed payment's
// e-mail is in email.test.ts); and SMS refused while the plan does not include it.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness';

describe('plan notifications', () => {
  let harness: Harness;
  afterEach(async () => harness?.close());

  it('tells of an ended plan and of a payment received; e-mail that is off is logged as skipped', async () => {
    harness = startHarness();
    harness.bus.publish('subscription.cancelled', { at: 1, plan: 'free', status: 'canceled' });
    harness.bus.publish('payment.succeeded', { at: 2, plan: 'pro', status: 'active', periodEnd: Date.UTC(2027, 0, 4) });
    await expect.poll(() => harness.service.deliveries(10).length).toBe(3);
    const rows = harness.service.deliveries(10).map((d) => `${d.subject} / ${d.channel} / ${d.outcome}`).sort();
    expect(rows).toEqual([
      'Payment received: Pro is active / desktop / sent',
      'Your Pro plan ended / desktop / sent',
      'Your Pro plan ended / email / skipped',
    ]);
  });

  it('refuses SMS while the plan does not include it, saying why', async () => {
    let allowed = false;
    harness = startHarness({ smsRefusal: () => (allowed ? undefined : 'SMS alerts are part of Pro: upgrade in the Plan menu') });
    await harness.service.update({ sms: { enabled: true, accountSid: `AC${'0'.repeat(32)}`, from: '+14155550100', to: '+14155550101' } });
    const test = await harness.service.test('sms');
    expect(test).toEqual({ ok: false, detail: 'SMS alerts are part of Pro: upgrade in the Plan menu', attempts: 0 });
    allowed = true;
    expect((await harness.service.test('sms')).detail).not.toContain('part of Pro');
  });
});
