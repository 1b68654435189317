// The notification channels through the real dispatcher: bad input is refused by the contract and changes nothing,
// secrets go in and never come back out, and the delivery log explains a failure without the password.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src-shared';
import { startHarness, type Harness } from '../notifications/testing/harness';
import { startTestSmtpServer, type TestSmtpServer } from '../../fakes/smtp';
import { createDispatcher, type Handlers } from './dispatcher';
import { notificationsHandlers } from './notifications-handlers';
import { TransportSession } from './session';

const session = new TransportSession('s1', () => {});
const PASSWORD = 'smtp-pass-7781-do-not-leak';

describe('notifications channels', () => {
  let harness: Harness;
  let smtp: TestSmtpServer;
  let responses: unknown[];
  let call: (channel: string, payload: unknown) => Promise<unknown>;

  beforeEach(async () => {
    harness = startHarness();
    smtp = await startTestSmtpServer({ user: 'me', password: 'the-right-one' });
    const refuse = () => {
      throw new Error('not part of this test');
    };
    const others = Object.fromEntries(CHANNELS.map((channel) => [channel, refuse])) as unknown as Handlers;
    const dispatcher = createDispatcher({ ...others, ...notificationsHandlers({ notifications: harness.service }) });
    responses = [];
    call = async (channel, payload) => {
      const response = await dispatcher.dispatch(channel, payload, session);
      responses.push(response);
      return response;
    };
  });
  afterEach(async () => {
    await harness.close();
    await smtp.close();
  });

  it('refuses a malformed phone number or routing with INVALID_REQUEST and keeps the settings as they were', async () => {
    const before = await call('notifications:settings', {});
    const badPhone = await call('notifications:update', { sms: { enabled: true, accountSid: '', from: '555-0100', to: '' } });
    expect(badPhone).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(JSON.stringify(badPhone)).toContain('use the international format, e.g. +14155550100');
    const badRouting = await call('notifications:update', { routing: { 'price-alert': ['pager'] } });
    expect(badRouting).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(await call('notifications:settings', {})).toEqual(before);
  });

  it('stores the password in the keychain, answers only "set", and keeps it out of every answer and the log', async () => {
    await call('notifications:update', {
      email: { enabled: true, host: '127.0.0.1', port: smtp.port, security: 'none', user: 'me', from: 'a@b.test', to: 'c@d.test' },
    });
    const set = await call('notifications:set-secret', { secret: 'smtp-password', value: PASSWORD });
    expect(set).toMatchObject({ ok: true, result: { email: { passwordSet: true } } });
    expect(harness.secrets.entries()).toEqual([['notifications:smtp-password', PASSWORD]]);

    const test = await call('notifications:test', { channel: 'email' });
    expect(test).toMatchObject({ ok: true, result: { ok: false, attempts: 1 } });
    expect((test as { result: { detail: string } }).result.detail).toMatch(/refused the login of 'me': .*535/);
    const log = await call('notifications:log', {});
    expect(log).toMatchObject({ ok: true, result: { entries: [{ type: 'test', channel: 'email', outcome: 'failed' }] } });

    const removed = await call('notifications:remove-secret', { secret: 'smtp-password' });
    expect(removed).toMatchObject({ ok: true, result: { email: { passwordSet: false } } });
    expect(harness.secrets.entries()).toEqual([]);

    const everything = JSON.stringify(responses) + JSON.stringify(harness.db.prepare('SELECT * FROM settings').all());
    expect(everything).not.toContain(PASSWORD);
    expect(everything).not.toContain(Buffer.from(PASSWORD).toString('base64'));
  });

  it('sends a test only to the saved recipient: a request naming another is refused, and a flood is RATE_LIMITED', async () => {
    await call('notifications:update', {
      email: { enabled: true, host: '127.0.0.1', port: smtp.port, security: 'none', user: 'me', from: 'a@b.test', to: 'saved@d.test' },
      smtpPassword: 'the-right-one',
    });
    for (const payload of [{ channel: 'email', to: 'victim@example.test' }, { channel: 'sms', recipient: '+15550000000' }]) {
      expect(await call('notifications:test', payload)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    }
    expect(smtp.messages).toEqual([]);

    for (let i = 0; i < 5; i++) expect(await call('notifications:test', { channel: 'email' })).toMatchObject({ ok: true, result: { ok: true } });
    expect(smtp.messages.map((m) => m.to)).toEqual(Array(5).fill(expect.stringContaining('saved@d.test')));
    const limited = (await call('notifications:test', { channel: 'email' })) as { ok: false; error: { code: string; retryAfterMs: number; message: string } };
    expect(limited).toMatchObject({ ok: false, error: { code: 'RATE_LIMITED', retryable: true } });
    expect(limited.error.retryAfterMs).toBeGreaterThan(50_000);
    expect(limited.error.retryAfterMs).toBeLessThanOrEqual(60_000);
    expect(limited.error.message).toMatch(/^Email: at most 5 test messages a minute; the next is allowed in \d+ s$/);
    expect(smtp.messages).toHaveLength(5);
  });

  it('refuses plain-text SMTP to another machine unless confirmed, and clears the password when the server moves', async () => {
    const remote = { enabled: true, host: 'smtp.example.com', port: 25, security: 'none', user: 'me', from: 'a@b.test', to: 'c@d.test' };
    const refused = await call('notifications:update', { email: remote });
    expect(refused).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
    expect(JSON.stringify(refused)).toContain('confirm that you accept plain text');
    expect(await call('notifications:update', { email: remote, allowInsecure: true })).toMatchObject({ ok: true, result: { email: { host: 'smtp.example.com' } } });

    await call('notifications:set-secret', { secret: 'smtp-password', value: PASSWORD });
    const moved = await call('notifications:update', { email: { ...remote, host: '127.0.0.1', port: smtp.port } });
    expect(moved).toMatchObject({ ok: true, result: { email: { passwordSet: false } } });
    const retyped = await call('notifications:update', { email: { ...remote, host: '127.0.0.1', port: smtp.port }, smtpPassword: PASSWORD });
    expect(retyped).toMatchObject({ ok: true, result: { email: { passwordSet: true } } });
    expect(JSON.stringify(responses)).not.toContain(PASSWORD);
  });

  it('turns trades, price alerts and risk limits published on the bus into notifications', async () => {
    const { bus } = harness;
    bus.publish('trade.executed', { id: 't1', venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'sell', price: 64_000, amount: 0.25, timestamp: 1 });
    bus.publish('alert.triggered', { ruleId: 'r', venue: 'demo', symbol: 'BTC/USDT', description: 'BTC/USDT below 64,000', price: 63_990, at: 2 });
    bus.publish('risk.limit.exceeded', {
      level: 'exceeded',
      limit: 'maxOpenOrders',
      scope: 'global',
      value: 11,
      threshold: 10,
      message: '11 open orders would pass the limit of 10: the order was refused.',
      at: 3,
    });
    await expect.poll(() => harness.shown.length).toBe(3);
    expect(harness.shown.map((n) => n.title)).toEqual([
      'Sold 0.25 BTC/USDT at 64,000',
      'Price alert: BTC/USDT below 64,000',
      'Risk limit exceeded: Maximum open orders',
    ]);
    const log = (await call('notifications:log', { limit: 10 })) as { result: { entries: Array<{ type: string; channel: string; outcome: string }> } };
    // Email is routed for alerts and risk limits by default but off until configured: logged as skipped, with why.
    expect(log.result.entries.filter((e) => e.channel === 'email').map((e) => e.outcome)).toEqual(['skipped', 'skipped']);
    expect(log.result.entries.filter((e) => e.channel === 'desktop').map((e) => e.type).sort()).toEqual(['price-alert', 'risk-limit', 'trade-executed']);
  });
});
