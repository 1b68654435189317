// SMS through a fake Twilio that checks the documented request and answers with the documented JSON.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Routing, SmsConfig } from '../../src-shared';
import { startFakeTwilio, type FakeTwilio } from '../../fakes/twilio';
import { startHarness, type Harness } from './testing/harness';
import { smsLength } from './channels/sms-length';
import { sampleAlert } from './testing/samples';

const SID = `AC${'0123456789abcdef'.repeat(2)}`;
const TOKEN = 'f'.repeat(32);
const SMS: SmsConfig = { enabled: true, accountSid: SID, from: '+15005550006', to: '+14155550100' };
const ONLY_SMS: Routing = { 'trade-executed': [], 'price-alert': ['sms'], 'risk-limit': [], 'strategy-stopped': [] };

describe('SMS notifications through Twilio', () => {
  let twilio: FakeTwilio;
  let harness: Harness;
  beforeEach(async () => {
    twilio = await startFakeTwilio({ sid: SID, token: TOKEN });
    harness = startHarness({ twilioBaseUrl: twilio.url });
    await harness.service.update({ sms: SMS, routing: ONLY_SMS });
  });
  afterEach(async () => {
    await harness.close();
    await twilio.close();
  });

  it("sends Twilio's documented request and logs the message sid and status from its answer", async () => {
    await harness.service.setSecret('twilio-auth-token', TOKEN);
    const [entry] = await harness.service.notify('price-alert', sampleAlert());

    expect(twilio.requests).toHaveLength(1);
    const request = twilio.requests[0]!;
    expect(request.method).toBe('POST');
    expect(request.path).toBe(`/2010-04-01/Accounts/${SID}/Messages.json`);
    expect(request.authorization).toBe(`Basic ${Buffer.from(`${SID}:${TOKEN}`).toString('base64')}`);
    expect(request.contentType).toBe('application/x-www-form-urlencoded');
    expect(request.form).toEqual({
      To: '+14155550100',
      From: '+15005550006',
      Body: 'Price alert: BTC/USDT above 65,000\nBTC/USDT reached 65,012.5',
    });
    expect(entry).toMatchObject({ channel: 'sms', outcome: 'sent', attempts: 1 });
    expect(entry!.detail).toBe(`Twilio accepted message ${twilio.sent[0]!.sid} with status queued`);
  });

  it("logs Twilio's error (code, message, more_info) for a refused number, without retrying it", async () => {
    await harness.service.setSecret('twilio-auth-token', TOKEN);
    twilio.refuse.add('+14155550100');
    const [entry] = await harness.service.notify('price-alert', sampleAlert());
    expect(entry).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(entry!.detail).toBe(
      "Twilio refused the message: The 'To' number +14155550100 is not a valid phone number. (Twilio error 21211). " +
        'See https://www.twilio.com/docs/errors/21211',
    );
    expect(twilio.requests).toHaveLength(1);
  });

  it('explains a wrong auth token in the test-SMS result and keeps the token out of every answer', async () => {
    const wrong = 'wrong-token-never-shown-anywhere';
    await harness.service.setSecret('twilio-auth-token', wrong);
    const result = await harness.service.test('sms');
    expect(result.ok).toBe(false);
    expect(result.detail).toContain('Twilio refused the Account SID or auth token: Authenticate (Twilio error 20003)');
    const everything = JSON.stringify([result, harness.service.deliveries(10), await harness.service.settings()]);
    expect(everything).not.toContain(wrong);
    expect(everything).not.toContain(Buffer.from(`${SID}:${wrong}`).toString('base64'));
    expect((await harness.service.settings()).sms.authTokenSet).toBe(true);
  });

  it('retries an outage (503) with backoff and logs how many attempts it took', async () => {
    await harness.service.setSecret('twilio-auth-token', TOKEN);
    twilio.failNext(2);
    const [entry] = await harness.service.notify('price-alert', sampleAlert());
    expect(entry).toMatchObject({ outcome: 'sent', attempts: 3 });
    expect(twilio.requests).toHaveLength(3);
    expect(twilio.sent).toHaveLength(1);
  });

  it('skips SMS, saying what is missing, until the auth token is set', async () => {
    const [entry] = await harness.service.notify('price-alert', sampleAlert());
    expect(entry).toMatchObject({ outcome: 'skipped', attempts: 0 });
    expect(entry!.detail).toBe('no Twilio auth token is set: enter it in Notifications settings');
    expect(twilio.requests).toHaveLength(0);
  });

  it('texts in the language set for SMS, counted in UCS-2 once diacritics are in, while desktop keeps its own', async () => {
    await harness.service.setSecret('twilio-auth-token', TOKEN);
    await harness.service.update({ languages: { desktop: 'en', email: 'en', sms: 'vi' } });
    expect((await harness.service.settings()).languages).toEqual({ desktop: 'en', email: 'en', sms: 'vi' });
    await harness.service.notify('price-alert', sampleAlert());
    const body = twilio.requests[0]!.form.Body!;
    expect(body).toBe('Cảnh báo giá: BTC/USDT above 65,000\nBTC/USDT đã chạm 65.012,5');
    expect(smsLength(body)).toMatchObject({ encoding: 'ucs-2', segments: 1 });
  });
});
