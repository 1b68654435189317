// Email through a real SMTP server on 127.0.0.1: what arrives (rendered subject, text and HTML bodies), what a refused
// login and an unreachable server look like in the log and in the test-email result, and that a hanging mail server
// delays no other channel.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EmailConfig } from '../../src-shared';
import { startHarness, type Harness } from './testing/harness';
import { sampleAlert, sampleRisk } from './testing/samples';
import { startTestSmtpServer, type TestSmtpServer } from '../../fakes/smtp';
import { startFakeTwilio, type FakeTwilio } from '../../fakes/twilio';

const USER = 'trader@example.test';
const PASSWORD = 'correct horse battery staple';

function emailConfig(port: number): EmailConfig {
  return { enabled: true, host: '127.0.0.1', port, security: 'none', user: USER, from: 'bot@example.test', to: 'me@example.test' };
}

/** A port where nothing listens: connections are refused. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that accepts connections and never says a word: an SMTP server that hangs. */
async function silentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => sockets.add(socket));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as { port: number }).port,
    close: () => {
      for (const socket of sockets) socket.destroy();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

describe('email notifications', () => {
  let smtp: TestSmtpServer;
  let harness: Harness;

  beforeEach(async () => {
    smtp = await startTestSmtpServer({ user: USER, password: PASSWORD });
  });
  afterEach(async () => {
    await harness?.close();
    await smtp.close();
  });

  it('delivers a price alert with the rendered subject and both bodies, values escaped in the HTML', async () => {
    harness = startHarness();
    const { service } = harness;
    await service.update({ email: emailConfig(smtp.port), routing: { 'trade-executed': [], 'price-alert': ['email'], 'risk-limit': [], 'strategy-stopped': [] } });
    await service.setSecret('smtp-password', PASSWORD);

    const [entry] = await service.notify('price-alert', sampleAlert({ description: 'BTC/USDT above 65,000 <b>&</b>' }));
    const mail = smtp.messages[0]!;
    expect(mail.subject).toBe('Price alert: BTC/USDT above 65,000 <b>&</b>');
    expect(mail.from).toContain('bot@example.test');
    expect(mail.to).toContain('me@example.test');
    expect(mail.text).toContain('BTC/USDT reached 65,012.5');
    expect(mail.text).toContain('Rule: BTC/USDT above 65,000 <b>&</b>');
    expect(mail.text).toContain('Time: 2026-01-15 14:30:00 UTC');
    expect(mail.html).toContain('<h1>BTC/USDT reached 65,012.5</h1>');
    expect(mail.html).toContain('BTC/USDT above 65,000 &lt;b&gt;&amp;&lt;/b&gt;');
    expect(mail.html).not.toContain('<b>&</b>');
    expect(smtp.logins).toEqual([{ user: USER, accepted: true }]);

    expect(entry).toMatchObject({ type: 'price-alert', channel: 'email', outcome: 'sent', attempts: 1 });
    expect(entry!.detail).toMatch(/^250 /);
    expect(service.deliveries(10)).toEqual([entry]);
  });

  it('sends a failed payment (src-main/billing) to the desktop and by e-mail, with the date to update the card by, whatever the routing', async () => {
    harness = startHarness();
    await harness.service.update({ email: emailConfig(smtp.port), routing: { 'trade-executed': [], 'price-alert': [], 'risk-limit': [], 'strategy-stopped': [] } });
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

  it('sends a test email and reports the server answer', async () => {
    harness = startHarness();
    await harness.service.update({ email: emailConfig(smtp.port) });
    await harness.service.setSecret('smtp-password', PASSWORD);
    const result = await harness.service.test('email');
    expect(result.ok).toBe(true);
    expect(result.detail).toMatch(/^250 .*queued/i);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Trade Bot Scratch test notification']);
    expect(smtp.messages[0]!.text).toContain('If you can read this, email notifications work.');
    expect(harness.service.deliveries(1)[0]).toMatchObject({ type: 'test', channel: 'email', outcome: 'sent', detail: result.detail });
  });

  it('reports a refused login in the test result and the log, does not retry it, and never writes the password', async () => {
    harness = startHarness();
    const wrong = 'Wr0ng-pa55word-that-must-not-leak';
    await harness.service.update({ email: emailConfig(smtp.port) });
    await harness.service.setSecret('smtp-password', wrong);

    const result = await harness.service.test('email');
    expect(result.ok).toBe(false);
    expect(result.detail).toContain(`The mail server 127.0.0.1:${smtp.port} refused the login of '${USER}'`);
    expect(result.detail).toContain('535');
    expect(result.detail).toContain('Check the user and password');
    const [testEntry] = harness.service.deliveries(1);
    expect(testEntry).toMatchObject({ outcome: 'failed', attempts: 1, detail: result.detail });

    // A notification on the same settings: refused logins are not retried (they would be refused again).
    const entries = await harness.service.notify('risk-limit', sampleRisk());
    expect(entries.find((e) => e.channel === 'email')).toMatchObject({ outcome: 'failed', attempts: 1 });
    expect(smtp.logins.every((login) => !login.accepted)).toBe(true);
    expect(smtp.messages).toEqual([]);

    const everything = JSON.stringify([result, harness.service.deliveries(100), await harness.service.settings()]);
    const stored = JSON.stringify(harness.db.prepare('SELECT * FROM notification_deliveries').all()) + JSON.stringify(harness.db.prepare('SELECT * FROM settings').all());
    for (const text of [everything, stored]) {
      expect(text).not.toContain(wrong);
      expect(text).not.toContain(Buffer.from(wrong).toString('base64'));
    }
    expect(harness.secrets.entries()).toEqual([['notifications:smtp-password', wrong]]);
  });

  it('reports an unreachable server, after retrying it with backoff', async () => {
    harness = startHarness();
    const port = await closedPort();
    await harness.service.update({ email: emailConfig(port), routing: { 'trade-executed': [], 'price-alert': ['email'], 'risk-limit': [], 'strategy-stopped': [] } });
    await harness.service.setSecret('smtp-password', PASSWORD);

    const result = await harness.service.test('email');
    expect(result).toMatchObject({ ok: false, attempts: 1 });
    expect(result.detail).toContain(`Could not reach the mail server 127.0.0.1:${port} (connection refused)`);

    const started = performance.now();
    const [entry] = await harness.service.notify('price-alert', sampleAlert());
    const elapsed = performance.now() - started;
    // Two retries after 20 and 40 ms (FAST_ISOLATION): three attempts, with the waits between them.
    expect(entry).toMatchObject({ outcome: 'failed', attempts: 3 });
    expect(entry!.detail).toContain('connection refused');
    expect(entry!.detail).toContain('(after 3 attempts)');
    expect(elapsed).toBeGreaterThanOrEqual(60);
  });

  describe('with SMS on a fake Twilio', () => {
    let twilio: FakeTwilio;
    const SID = `AC${'a'.repeat(32)}`;
    beforeEach(async () => {
      twilio = await startFakeTwilio({ sid: SID, token: 'twilio-token' });
    });
    afterEach(async () => {
      await twilio.close();
    });

    it('lets desktop and SMS go at once while the mail server hangs, then logs the email as timed out', async () => {
      const silent = await silentServer();
      try {
        harness = startHarness({
          twilioBaseUrl: twilio.url,
          isolation: {
            desktop: { baseDelayMs: 20 },
            sms: { baseDelayMs: 20 },
            email: { attemptTimeoutMs: 2_000, maxRetries: 0 },
          },
        });
        const { service } = harness;
        await service.update({
          email: emailConfig(silent.port),
          sms: { enabled: true, accountSid: SID, from: '+15005550006', to: '+14155550100' },
        });
        await service.setSecret('smtp-password', PASSWORD);
        await service.setSecret('twilio-auth-token', 'twilio-token');

        const loggedAt: Record<string, number> = {};
        const started = performance.now();
        harness.bus.subscribe('notification.logged', (entry) => (loggedAt[entry.channel] = performance.now() - started));
        const entries = await service.notify('risk-limit', sampleRisk());
        const byChannel = Object.fromEntries(entries.map((e) => [e.channel, e]));
        expect(byChannel.desktop).toMatchObject({ outcome: 'sent' });
        expect(byChannel.sms).toMatchObject({ outcome: 'sent' });
        expect(byChannel.email).toMatchObject({ outcome: 'failed' });
        expect(byChannel.email!.detail).toMatch(/no answer/);
        // The other channels finished well within the email's two-second deadline (the margin allows a loaded
        // machine); the email gave up only at its deadline.
        expect(loggedAt.desktop).toBeLessThan(1_500);
        expect(loggedAt.sms).toBeLessThan(1_500);
        expect(loggedAt.email).toBeGreaterThanOrEqual(1_950);
        expect(entries.map((e) => e.channel)).toEqual(['desktop', 'email', 'sms']);
        expect(twilio.sent).toHaveLength(1);
        expect(harness.shown).toHaveLength(1);
      } finally {
        await silent.close();
      }
    });
  });
});
