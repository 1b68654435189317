// The app's plan against the real account server (src-server, with the fake Stripe and the fake OpenID provider):
// checkout to Pro, payment events on the bus, the token cached in SQLite and verified offline, grace periods, a
// tampered token refused, and what the plan gates (only new live orders beyond Free's allowance).
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startAccountServer, type Harness } from '../../fakes/account-server';
import { OFFLINE_GRACE_MS, PAST_DUE_GRACE_MS, type PaymentEvent, type VenueId } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { openDatabase, SettingsRepository, type SqliteDatabase } from '../storage';
import { BillingService, entitlementStoreIn, ENTITLEMENT_KEY, type BillingServiceDeps } from './index';

const DAY = 24 * 3600 * 1000;
const LIVE_ACCOUNTS: Array<{ venue: VenueId; createdAt: number }> = [
  { venue: 'gate', createdAt: 2 },
  { venue: 'binance', createdAt: 1 },
];

let server: Harness;
let db: SqliteDatabase;
let settings: SettingsRepository;
let bus: InProcessEventBus;
let payments: Array<{ topic: string; event: PaymentEvent }>;
let clock: { offsetMs: number };
const services: BillingService[] = [];

beforeEach(async () => {
  server = await startAccountServer();
  db = openDatabase(':memory:');
  settings = new SettingsRepository(db);
  bus = new InProcessEventBus();
  payments = [];
  for (const topic of ['payment.succeeded', 'payment.failed', 'subscription.cancelled'] as const) {
    bus.subscribe(topic, (event) => payments.push({ topic, event }));
  }
  clock = { offsetMs: 0 };
});

afterEach(async () => {
  for (const service of services.splice(0)) service.close();
  db.close();
  await server.close();
});

let accessToken: Promise<string> | undefined;

function billing(overrides: Partial<BillingServiceDeps> = {}): BillingService {
  const service = new BillingService({
    config: { serverUrl: new URL(server.url), publicKeyPem: server.publicKeyPem },
    accessToken: () => (accessToken ??= server.token()),
    signedIn: () => true,
    store: entitlementStoreIn(settings),
    bus,
    liveAccounts: () => LIVE_ACCOUNTS,
    now: () => Date.now() + clock.offsetMs,
    followUp: { everyMs: 100, forMs: 30_000 },
    ...overrides,
  });
  services.push(service);
  return service;
}

/** Plays the trader in the browser: opens the checkout page Stripe hosts and subscribes. */
async function payAt(checkoutUrl: string): Promise<void> {
  const response = await fetch(`${checkoutUrl}/confirm`, { method: 'POST', redirect: 'manual' });
  expect(response.status).toBe(303);
  await server.server.queue.idle();
}

async function upgraded(service: BillingService): Promise<void> {
  const opened: string[] = [];
  await service.checkout('monthly', (url) => void opened.push(url));
  expect(opened).toHaveLength(1);
  await payAt(opened[0]!);
  await expect.poll(() => service.status().plan, { timeout: 10_000 }).toBe('pro');
}

const refusal = (action: () => void) => {
  try {
    action();
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a refusal');
};

beforeEach(() => {
  accessToken = undefined;
});

describe('without an account server', () => {
  it('gates nothing and asks nothing', async () => {
    const service = billing({ config: undefined });
    await service.start();
    expect(service.status()).toMatchObject({ configured: false, features: ['unlimited-live-accounts', 'mt5', 'sms-alerts', 'scale-out'] });
    expect(() => service.checkLiveOrder({ venue: 'gate', mode: 'live' })).not.toThrow();
    expect(() => service.checkLiveOrder({ venue: 'mt5', mode: 'live' })).not.toThrow();
    expect(service.allows('sms-alerts')).toBe(true);
    await service.refresh();
    expect(server.stripe.requests).toEqual([]);
    expect(server.repository.counts().customers).toBe(0);
  });
});

describe('with an account server', () => {
  it('on Free, trades live only on the first live account added; demo and paper are never gated', async () => {
    const service = billing();
    await service.start();
    expect(await service.refresh()).toMatchObject({ configured: true, plan: 'free', status: 'none', features: [] });
    expect(() => service.checkLiveOrder({ venue: 'binance', mode: 'live' })).not.toThrow();
    expect(() => service.checkLiveOrder({ venue: 'gate', mode: 'paper' })).not.toThrow();
    expect(() => service.checkLiveOrder({ venue: 'demo', mode: 'demo' })).not.toThrow();
    const gate = refusal(() => service.checkLiveOrder({ venue: 'gate', mode: 'live' }));
    expect(gate.code).toBe('PLAN_REQUIRED');
    expect(gate.message).toContain('Live orders on Gate.io need Pro');
    expect(gate.message).toContain('(Binance)');
    expect(refusal(() => service.checkLiveOrder({ venue: 'mt5', mode: 'live' })).message).toContain('MetaTrader 5 trading is part of Pro');
    expect(service.allows('sms-alerts')).toBe(false);
  });

  it('upgrades: the checkout opens in the browser, and once paid the app is Pro', async () => {
    const service = billing();
    await service.start();
    await service.refresh();
    const changes: string[] = [];
    service.onStatusChanged((status) => changes.push(status.plan));
    await upgraded(service);
    expect(service.status()).toMatchObject({ plan: 'pro', status: 'active', cancelAtPeriodEnd: false });
    expect(service.status().periodEnd).toBeGreaterThan(Date.now() + 29 * DAY);
    expect(changes.at(-1)).toBe('pro');
    expect(payments.map((p) => p.topic)).toEqual(['payment.succeeded']);
    expect(() => service.checkLiveOrder({ venue: 'gate', mode: 'live' })).not.toThrow();
    expect(() => service.checkLiveOrder({ venue: 'mt5', mode: 'live' })).not.toThrow();
  });

  it('opens the customer portal of the same customer', async () => {
    const service = billing();
    const opened: string[] = [];
    const { url } = await service.portal((address) => void opened.push(address));
    expect(opened).toEqual([url]);
    expect(url).toContain(`customer=${server.repository.customerOf('auth0|alice')}`);
  });

  it('keeps the plan through an outage: the cached token is verified offline, then grace, then Free', async () => {
    const first = billing();
    await first.start();
    await first.refresh();
    await upgraded(first);
    const issued = first.status().verifiedAt!;
    first.close();
    await server.close();

    // A new start with the server down: the token from SQLite, verified with the public key alone.
    const offline = billing();
    await offline.start();
    expect(offline.status()).toMatchObject({ plan: 'pro', status: 'active' });
    await expect(offline.refresh()).rejects.toMatchObject({ code: 'VENUE_UNAVAILABLE' });
    expect(offline.status()).toMatchObject({ plan: 'pro', problem: expect.stringContaining('cannot be reached') });

    // The token has expired (7 days): Pro for the offline grace period…
    clock.offsetMs = 7 * DAY + 3600_000;
    const graced = offline.status();
    expect(graced.plan).toBe('pro');
    expect(graced.graceUntil).toBeGreaterThanOrEqual(issued + 7 * DAY + OFFLINE_GRACE_MS - 5_000);
    expect(() => offline.checkLiveOrder({ venue: 'gate', mode: 'live' })).not.toThrow();
    // …then Free: new live orders beyond the allowance are refused, saying why; nothing else changes.
    clock.offsetMs = 7 * DAY + OFFLINE_GRACE_MS + 3600_000;
    expect(offline.status()).toMatchObject({ plan: 'free', features: [] });
    const refused = refusal(() => offline.checkLiveOrder({ venue: 'gate', mode: 'live' }));
    expect(refused.message).toContain('could not be confirmed with the account server');
    expect(() => offline.checkLiveOrder({ venue: 'binance', mode: 'live' })).not.toThrow();
  });

  it('refuses a tampered token from the database, and one signed with another key', async () => {
    const first = billing();
    await first.start();
    await first.refresh();
    const token = settings.get(ENTITLEMENT_KEY, z.string())!;
    const [header, payload, signature] = token.split('.');
    const claims = JSON.parse(Buffer.from(payload!, 'base64url').toString());
    expect(claims.plan).toBe('free');
    const forged = Buffer.from(JSON.stringify({ ...claims, plan: 'pro', status: 'active', features: ['mt5'] })).toString('base64url');
    settings.set(ENTITLEMENT_KEY, `${header}.${forged}.${signature}`);

    const restarted = billing();
    await restarted.start();
    expect(restarted.status()).toMatchObject({ plan: 'free', status: 'none', problem: expect.stringContaining('refused') });
    expect(settings.get(ENTITLEMENT_KEY, z.string())).toBeUndefined();

    // A genuine token of another account server (another key) is refused as well.
    const other = await startAccountServer();
    try {
      const foreign = await other.call('GET', '/me/entitlements');
      settings.set(ENTITLEMENT_KEY, foreign.json.token);
      const third = billing();
      await third.start();
      expect(third.status()).toMatchObject({ plan: 'free', problem: expect.stringContaining('refused') });
    } finally {
      await other.close();
    }
  });

  it('keeps Pro while a payment is past due, says to update the card before a date, then Free', async () => {
    const service = billing();
    await service.start();
    await service.refresh();
    await upgraded(service);
    const subscriptionId = [...server.stripe.subscriptions.keys()][0]!;
    const periodEnd = server.stripe.subscriptions.get(subscriptionId)!.items.data[0]!.current_period_end * 1000;
    for (const event of server.stripe.failRenewal(subscriptionId)) await server.stripe.deliver(event);
    await server.server.queue.idle();
    await service.refresh();
    expect(payments.at(-1)).toEqual({
      topic: 'payment.failed',
      event: expect.objectContaining({ plan: 'pro', status: 'past_due', periodEnd, updateBefore: periodEnd + PAST_DUE_GRACE_MS }),
    });
    expect(service.status()).toMatchObject({ plan: 'pro', status: 'past_due', graceUntil: periodEnd + PAST_DUE_GRACE_MS });
    clock.offsetMs = periodEnd + PAST_DUE_GRACE_MS - Date.now() + 1000;
    expect(service.status()).toMatchObject({ plan: 'free', status: 'past_due' });
    expect(refusal(() => service.checkLiveOrder({ venue: 'gate', mode: 'live' })).message).toContain('a payment failed');
  });

  it('drops to Free when the subscription is deleted, and says so on the bus', async () => {
    const service = billing();
    await service.start();
    await service.refresh();
    await upgraded(service);
    const subscriptionId = [...server.stripe.subscriptions.keys()][0]!;
    await server.stripe.deliver(server.stripe.cancelSubscription(subscriptionId));
    await server.server.queue.idle();
    expect(await service.refresh()).toMatchObject({ plan: 'free', status: 'canceled' });
    expect(payments.map((p) => p.topic)).toEqual(['payment.succeeded', 'subscription.cancelled']);
  });

  it('asks for the plan as soon as the trader is signed in (a saved session restored at start too)', async () => {
    let signedIn = false;
    const listeners = new Set<(signedIn: boolean) => void>();
    const service = billing({
      signedIn: () => signedIn,
      watchSignIn: (listener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    });
    await service.start();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(service.status().verifiedAt).toBeUndefined();
    signedIn = true;
    for (const listener of listeners) listener(true);
    await expect.poll(() => service.status().verifiedAt, { timeout: 10_000 }).toBeDefined();
    expect(service.status()).toMatchObject({ configured: true, signedIn: true, plan: 'free' });
  });

  it('forgets the plan when the trader signs out', async () => {
    const service = billing();
    await service.start();
    await service.refresh();
    await upgraded(service);
    bus.publish('user.signed-out', { at: Date.now() });
    expect(service.status()).toMatchObject({ plan: 'free', status: 'none' });
    expect(settings.get(ENTITLEMENT_KEY, z.string())).toBeUndefined();
  });
});

describe('refusals', () => {
  it('refuses a checkout or the portal without an account server, or signed out, with a typed error', async () => {
    const none = billing({ config: undefined });
    await expect(none.checkout('monthly', () => {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(none.portal(() => {})).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const signedOut = billing({ accessToken: async () => undefined, signedIn: () => false });
    await expect(signedOut.checkout('yearly', () => {})).rejects.toMatchObject({ code: 'SIGN_IN_FAILED' });
    expect(server.stripe.requests).toEqual([]);
  });
});
