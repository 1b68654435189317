// Test messages cannot turn the settings screen into a relay: at most 5 a minute per channel, RATE_LIMITED saying when
// the next is allowed (that the request cannot name a recipient is in api/notifications-handlers.test.ts).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../resilience/testing/manual-clock';
import { startHarness, type Harness } from './testing/harness';
import { startTestSmtpServer, type TestSmtpServer } from '../../fakes/smtp';
import { refusal } from '../../src-shared/testing/refusal';

describe('test messages', () => {
  let clock: ManualClock;
  let harness: Harness;
  let smtp: TestSmtpServer;

  beforeEach(async () => {
    clock = new ManualClock(1_700_000_000_000);
    harness = startHarness({ clock });
    smtp = await startTestSmtpServer({ user: 'me', password: 'pw-for-the-relay-test' });
    await harness.service.update({
      email: { enabled: true, host: '127.0.0.1', port: smtp.port, security: 'none', user: 'me', from: 'bot@example.test', to: 'saved@example.test' },
    });
    await harness.service.setSecret('smtp-password', 'pw-for-the-relay-test');
  });
  afterEach(async () => {
    await harness.close();
    await smtp.close();
  });

  it('allows 5 a minute per channel, then says when the next is allowed', async () => {
    for (let i = 0; i < 5; i++) {
      expect(await harness.service.test('desktop')).toMatchObject({ ok: true });
      clock.tick(1_000);
    }
    const refused = await refusal(harness.service.test('desktop'));
    expect(refused.code).toBe('RATE_LIMITED');
    expect(refused.retryable).toBe(true);
    // The first of the five was 5 s ago: it leaves the window in 55 s.
    expect(refused.retryAfterMs).toBe(55_000);
    expect(refused.message).toBe('Desktop: at most 5 test messages a minute; the next is allowed in 55 s');
    expect(harness.shown).toHaveLength(5);

    // Another channel has its own allowance.
    expect(await harness.service.test('email')).toMatchObject({ ok: true });

    clock.tick(54_999);
    expect((await refusal(harness.service.test('desktop'))).retryAfterMs).toBe(1);
    clock.tick(1);
    expect(await harness.service.test('desktop')).toMatchObject({ ok: true });
    expect(harness.shown).toHaveLength(6);
  });

  it('does not log a refused test', async () => {
    for (let i = 0; i < 5; i++) await harness.service.test('email');
    await refusal(harness.service.test('email'));
    expect(smtp.messages).toHaveLength(5);
    expect(harness.service.deliveries(100)).toHaveLength(5);
  });
});
