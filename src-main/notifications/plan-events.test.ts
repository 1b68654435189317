// The plan's bus events (src-main/billing) as notifications: a failed payment reaches the desktop and the mailbox
// with the date to update the card by, whatever the trader's routing; an ended plan too; and SMS is refused on Free.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestSmtpServer, type TestSmtpServer } from '../../fakes/smtp';
import type { EmailConfig } from '../../src-shared';
import { startHarness, type Harness } from './testing/harness';

const USER = 'trader@example.test';
const PASSWORD = 'correct horse battery staple';
const email = (port: number): EmailConfig => ({ enabled: true, host: '127.0.0.1', port, security: 'none', user: USER, from: 'bot@example.test', to: 'me@example.test' });
const NO_ROUTING = { 'trade-executed': [], 'price-alert': [], 'risk-limit': [], 'strategy-stopped': [] };

describe('plan notifications', () => {
  let smtp: TestSmtpServer;
  let harness: Harness;
  beforeEach(async () => {
    smtp = await startTestSmtpServer({ user: USER, password: PASSWORD });
  });
  afterEach(async () => {
    await harness?.close();
    await smtp.close();
  });

  it('sends a failed payment to the desktop and by e-mail, with the date to update the card by', async () => {
    harness = startHarness();
    await harness.service.update({ email: email(smtp.port), routing: NO_ROUTING });
    await harness.service.setSecret('smtp-password', PASSWORD);
    const updateBefore = Date.UTC(2026, 11, 18, 9, 30);
    harness.bus.publish('payment.failed', { at: Date.UTC(2026, 11, 4), plan: 'pro', status: 'past_due', periodEnd: Date.UTC(2026, 11, 11, 9, 30), updateBefore });
    const mail = await smtp.nextMessage();
    expect(mail.subject).toBe('Payment failed: update your card to keep Pro');
    expect(mail.text).toContain('Update your card before 2026-12-18 09:30:00 UTC');
    await expect.poll(() => harness.service.deliveries(10).length).toBe(2);
    expect(harness.service.deliveries(10).map((d) => [d.type, d.channel, d.outcome]).sort()).toEqual([
      ['plan', 'desktop', 'sent'],
      ['plan', 'email', 'sent'],
    ]);
    expect(harness.shown.map((n) => n.title)).toEqual(['Payment failed: update your card to keep Pro']);
  });

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
