// What a lapsed plan does to trading, through the real order service: it refuses new live orders on accounts beyond
// Free's allowance before anything is journaled or sent, and touches nothing else — resting orders stay, cancel and
// cancel-all work, the first live account keeps trading.
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startAccountServer, type Harness } from '../../fakes/account-server';
import { OFFLINE_GRACE_MS, type VenueId } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { DemoVenue, SimulatedExchange } from '../exchanges';
import { openDatabase, SettingsRepository } from '../storage';
import { useTempDatabases } from '../storage/testing/temp-databases';
import { OrderJournal, OrderService } from '../trading';
import { BillingService, entitlementStoreIn } from './index';

const temp = useTempDatabases();
const closers: Array<() => unknown> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

const DAY = 24 * 3600 * 1000;

describe('a lapsed plan and orders', () => {
  it('refuses only new live orders beyond the allowance; never cancels or blocks a cancel', async () => {
    const server: Harness = await startAccountServer();
    closers.push(() => server.close());
    const demo = new DemoVenue({ seed: 7, tickMs: 50 });
    const calls: Array<{ venue: VenueId; call: string }> = [];
    // Two live accounts, simulated on the demo market; every create and cancel that reaches a venue is recorded.
    const venue = (id: VenueId) => {
      const exchange = new SimulatedExchange({ venue: id, mode: 'paper', prices: demo, live: demo });
      closers.push(() => exchange.close());
      return new Proxy(exchange, {
        get(target, property) {
          const value: unknown = Reflect.get(target, property);
          if (typeof value !== 'function') return value;
          if (property === 'createOrder' || property === 'cancelOrder') {
            return (...args: unknown[]) => {
              calls.push({ venue: id, call: String(property) });
              return (value as (...a: unknown[]) => unknown).apply(target, args);
            };
          }
          return (value as (...a: unknown[]) => unknown).bind(target);
        },
      });
    };
    const venues = { binance: venue('binance'), gate: venue('gate') } as Record<string, ReturnType<typeof venue>>;
    closers.push(() => demo.close());

    const clock = { offsetMs: 0 };
    const db = openDatabase(':memory:');
    closers.push(() => db.close());
    const bus = new InProcessEventBus();
    const token = server.token();
    const billing = new BillingService({
      config: { serverUrl: new URL(server.url), publicKeyPem: server.publicKeyPem },
      accessToken: () => token,
      signedIn: () => true,
      store: entitlementStoreIn(new SettingsRepository(db)),
      bus,
      liveAccounts: () => [{ venue: 'binance', createdAt: 1 }, { venue: 'gate', createdAt: 2 }],
      now: () => Date.now() + clock.offsetMs,
    });
    closers.push(() => billing.close());
    const trading = new OrderService({
      journal: new OrderJournal(temp.open(join(temp.folder(), 'app.sqlite'), { synchronous: 'FULL' })),
      venueFor: (id) => venues[id]!,
      bus,
      checks: [(order) => billing.checkLiveOrder(order)],
      warn: () => {},
    });
    closers.push(() => trading.close());

    // Pro: checkout paid at the fake Stripe.
    await billing.start();
    const { url } = await billing.checkout('monthly', () => {});
    await fetch(`${url}/confirm`, { method: 'POST', redirect: 'manual' });
    await server.server.queue.idle();
    expect(await billing.refresh()).toMatchObject({ plan: 'pro' });

    const resting = { mode: 'live', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.01, price: 1_000 } as const;
    const onGate = await trading.place({ venue: 'gate', ...resting });
    const onBinance = await trading.place({ venue: 'binance', ...resting });
    expect([onGate.status, onBinance.status]).toEqual(['open', 'open']);

    // The account server goes away and the token runs out, past the offline grace: Free.
    await server.close();
    clock.offsetMs = 7 * DAY + OFFLINE_GRACE_MS + 3600_000;
    expect(billing.status().plan).toBe('free');
    const before = calls.length;

    await expect(trading.place({ venue: 'gate', ...resting })).rejects.toMatchObject({ code: 'PLAN_REQUIRED' });
    expect(calls.length).toBe(before);
    // Nothing was cancelled on the lapse; the resting orders are still open.
    expect(calls.filter((c) => c.call === 'cancelOrder')).toEqual([]);
    expect(trading.list({ scope: 'open', limit: 10 }).map((o) => o.clientOrderId).sort()).toEqual([onGate.clientOrderId, onBinance.clientOrderId].sort());
    // The first live account trades on; cancel and cancel-all work on the other.
    expect((await trading.place({ venue: 'binance', ...resting })).status).toBe('open');
    expect((await trading.cancel(onGate.clientOrderId)).status).toBe('cancelled');
    const all = await trading.cancelAll({ venue: 'binance', mode: 'live' });
    expect(all.cancelled.length).toBe(2);
    expect(trading.list({ scope: 'open', limit: 10 })).toEqual([]);
  });
});
