// A stored secret goes only where it was saved for. Two real SMTP servers on 127.0.0.1 and two fake Twilios: moving
// the settings to the second one must not hand it the first one's password or token — the secret is cleared and the
// test asks for it again — unless the trader typed it again in the same request.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type EmailConfig, type SmsConfig } from '../../src-shared';
import { SettingsRepository } from '../storage';
import { NotificationService } from './service';
import { startFakeTwilio, type FakeTwilio } from '../../fakes/twilio';
import { startHarness, type Harness } from './testing/harness';
import { sampleRisk } from './testing/samples';
import { startTestSmtpServer, type TestSmtpServer } from '../../fakes/smtp';
import { refusal } from '../../src-shared/testing/refusal';

const USER = 'trader@example.test';
const PASSWORD = 'smtp-password-bound-to-server-a';

function email(port: number, overrides: Partial<EmailConfig> = {}): EmailConfig {
  return { enabled: true, host: '127.0.0.1', port, security: 'none', user: USER, from: 'bot@example.test', to: 'me@example.test', ...overrides };
}

describe('the SMTP password is bound to its server', () => {
  let serverA: TestSmtpServer;
  let serverB: TestSmtpServer;
  let harness: Harness;

  beforeEach(async () => {
    // Server B would accept the same login: only the app can keep the password from it.
    serverA = await startTestSmtpServer({ user: USER, password: PASSWORD });
    serverB = await startTestSmtpServer({ user: USER, password: PASSWORD });
    harness = startHarness();
    await harness.service.update({ email: email(serverA.port) });
    await harness.service.setSecret('smtp-password', PASSWORD);
    expect(await harness.service.test('email')).toMatchObject({ ok: true });
    expect(serverA.logins).toEqual([{ user: USER, accepted: true }]);
  });
  afterEach(async () => {
    await harness.close();
    await serverA.close();
    await serverB.close();
  });

  it('is cleared when the server moves, and the test asks for it instead of logging in to the new server', async () => {
    const settings = await harness.service.update({ email: email(serverB.port) });
    expect(settings.email.passwordSet).toBe(false);
    expect(harness.secrets.entries()).toEqual([]);

    const result = await harness.service.test('email');
    expect(result).toEqual({
      ok: false,
      attempts: 0,
      detail: 'no SMTP password is set: enter the password in Notifications settings (changing the server, port, security or user clears the saved one)',
    });
    expect(serverB.logins).toEqual([]);
    expect(serverB.messages).toEqual([]);
    // Nor does a notification on the same settings try it.
    const entries = await harness.service.notify('risk-limit', sampleRisk());
    expect(entries.find((e) => e.channel === 'email')).toMatchObject({ outcome: 'skipped' });
    expect(serverB.logins).toEqual([]);
  });

  it.each<[string, Partial<EmailConfig>]>([
    ['the host', { host: 'localhost' }],
    ['the security', { security: 'starttls' }],
    ['the user', { user: 'someone-else@example.test' }],
  ])('is cleared when %s changes', async (_what, change) => {
    const settings = await harness.service.update({ email: email(serverA.port, change) });
    expect(settings.email.passwordSet).toBe(false);
    expect(harness.secrets.entries()).toEqual([]);
  });

  it('is kept when only the sender, the recipient or the on/off switch change', async () => {
    const settings = await harness.service.update({ email: email(serverA.port, { to: 'other@example.test', from: 'x@example.test', enabled: false }) });
    expect(settings.email.passwordSet).toBe(true);
    expect(harness.secrets.entries()).toEqual([['notifications:smtp-password', PASSWORD]]);
    await harness.service.update({ routing: { 'trade-executed': [], 'price-alert': [], 'risk-limit': ['desktop'], 'strategy-stopped': [] } });
    expect((await harness.service.settings()).email.passwordSet).toBe(true);
  });

  it('follows the move when it is typed again in the same request', async () => {
    const settings = await harness.service.update({ email: email(serverB.port), smtpPassword: PASSWORD });
    expect(settings.email.passwordSet).toBe(true);
    expect(await harness.service.test('email')).toMatchObject({ ok: true });
    expect(serverB.logins).toEqual([{ user: USER, accepted: true }]);
  });

  it('moved after a restart while the keys are locked, is never sent to the new server once they open', async () => {
    harness.secrets.lock('the passphrase');
    // The app restarted with the key file locked: same database, nothing read from the keys yet.
    const restarted = startHarness({ db: harness.db, settings: new SettingsRepository(harness.db), secrets: harness.secrets });
    try {
      // The move is saved (the screen works while locked); the password cannot be deleted yet, so its old server
      // stays on record.
      const settings = await restarted.service.update({ email: email(serverB.port) });
      expect(settings.email).toMatchObject({ port: serverB.port, passwordSet: false });
      await harness.secrets.unlock('the passphrase');

      expect(await restarted.service.test('email')).toMatchObject({ ok: false, attempts: 0 });
      expect(serverB.logins).toEqual([]);
      expect(harness.secrets.entries()).toEqual([]);
    } finally {
      await restarted.service.close();
    }
  });

  it('stays, with the settings unchanged, when the keychain cannot delete it', async () => {
    harness.secrets.fail('delete');
    await expect(harness.service.update({ email: email(serverB.port) })).rejects.toThrow();
    harness.secrets.recover();
    const settings = await harness.service.settings();
    expect(settings.email.port).toBe(serverA.port);
    expect(settings.email.passwordSet).toBe(true);
  });
});

describe('plain-text SMTP to another machine', () => {
  let harness: Harness;
  beforeEach(() => {
    harness = startHarness();
  });
  afterEach(async () => {
    await harness.close();
  });

  it('is refused without the trader’s confirmation, changing nothing', async () => {
    const before = await harness.service.settings();
    const error = await refusal(harness.service.update({ email: email(25, { host: 'smtp.example.com' }) }));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(error.message).toContain('Security "None" sends the SMTP password and every message to smtp.example.com in clear text');
    expect(await harness.service.settings()).toEqual(before);
  });

  it('is saved once confirmed; TLS and loopback need no confirmation', async () => {
    expect((await harness.service.update({ email: email(25, { host: 'smtp.example.com' }), allowInsecure: true })).email.host).toBe('smtp.example.com');
    expect((await harness.service.update({ email: email(587, { host: 'smtp.example.com', security: 'starttls' }) })).email.security).toBe('starttls');
    expect((await harness.service.update({ email: email(25, { host: 'localhost' }) })).email.host).toBe('localhost');
  });
});

describe('the Twilio auth token is bound to its account and address', () => {
  const SID_A = `AC${'a'.repeat(32)}`;
  const SID_B = `AC${'b'.repeat(32)}`;
  const TOKEN = 'twilio-token-bound-to-account-a';
  const sms = (accountSid: string): SmsConfig => ({ enabled: true, accountSid, from: '+15005550006', to: '+14155550100' });
  let twilioA: FakeTwilio;
  let twilioB: FakeTwilio;
  let harness: Harness;

  beforeEach(async () => {
    twilioA = await startFakeTwilio({ sid: SID_A, token: TOKEN });
    twilioB = await startFakeTwilio({ sid: SID_A, token: TOKEN });
    harness = startHarness({ twilioBaseUrl: twilioA.url });
    await harness.service.update({ sms: sms(SID_A) });
    await harness.service.setSecret('twilio-auth-token', TOKEN);
  });
  afterEach(async () => {
    await harness.close();
    await twilioA.close();
    await twilioB.close();
  });

  it('is cleared when the Account SID changes, unless typed again', async () => {
    expect((await harness.service.update({ sms: sms(SID_B) })).sms.authTokenSet).toBe(false);
    expect(harness.secrets.entries()).toEqual([]);
    expect(await harness.service.test('sms')).toMatchObject({ ok: false, attempts: 0, detail: 'no Twilio auth token is set: enter it in Notifications settings' });
    expect(twilioA.requests).toEqual([]);

    expect((await harness.service.update({ sms: sms(SID_B), twilioAuthToken: 'token-for-b' })).sms.authTokenSet).toBe(true);
    expect(harness.secrets.entries()).toEqual([['notifications:twilio-auth-token', 'token-for-b']]);
  });

  it('is never sent to another Twilio address, and is cleared when the address changed', async () => {
    // The same data folder and keychain, started with TBS_TWILIO_URL pointing elsewhere.
    const moved = new NotificationService({ db: harness.db, settings: new SettingsRepository(harness.db), secrets: harness.secrets, bus: harness.bus, twilioBaseUrl: twilioB.url });
    try {
      const result = await moved.test('sms');
      expect(result).toMatchObject({ ok: false, attempts: 0, detail: 'no Twilio auth token is set: enter it in Notifications settings' });
      expect(twilioB.requests).toEqual([]);
      expect(harness.secrets.entries()).toEqual([]);
      expect((await moved.settings()).sms.authTokenSet).toBe(false);
    } finally {
      await moved.close();
    }
  });

  it('is sent where it was saved for', async () => {
    expect(await harness.service.test('sms')).toMatchObject({ ok: true });
    expect(twilioA.requests).toHaveLength(1);
  });
});
