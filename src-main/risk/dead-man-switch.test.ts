// Gate's countdown cancel-all through real ccxt against the fake Gate: armed while the app runs (the fake sees the
// countdown renewed), and when the heartbeats stop — the app died — Gate cancels the open orders by itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createExchangeAdapter, type CcxtAdapter } from '../exchanges';
import { DEFAULT_GATE_ACCOUNT, startFakeGate, type FakeGate } from '../../fakes/gate';
import { DeadManSwitch } from './dead-man-switch';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('dead-man switch on Gate', () => {
  let fake: FakeGate;
  let adapter: CcxtAdapter;
  beforeAll(async () => {
    fake = await startFakeGate();
    adapter = createExchangeAdapter('gate', DEFAULT_GATE_ACCOUNT, { restBaseUrl: fake.url }) as CcxtAdapter;
  });
  afterAll(async () => {
    await adapter.close();
    await fake.close();
  });

  it('keeps the countdown renewed while running, and the orders are cancelled once the renewals stop', async () => {
    const order = await adapter.createOrder({ venue: 'gate', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, price: 50_000 }, adapter.newClientOrderId());
    expect(adapter.armDeadManSwitch).toBeTypeOf('function');
    // Gate's minimum countdown is 5 s; renewed every 1 s here so the test sees several renewals.
    const deadMan = new DeadManSwitch({ venues: () => [{ venue: 'gate', arm: (s) => adapter.armDeadManSwitch!(s) }], timeoutS: 5, refreshMs: 1_000 });
    deadMan.start();
    await sleep(2_500);
    const renewals = fake.log.count({ path: '/api/v4/spot/countdown_cancel_all' });
    expect(renewals).toBeGreaterThanOrEqual(2);
    expect(deadMan.armedVenues()).toEqual(['gate']);
    expect(fake.countdowns.active()).toEqual([expect.objectContaining({ apiKey: DEFAULT_GATE_ACCOUNT.apiKey, pair: undefined })]);
    // Several seconds in and past the first countdown's 5 s, the order still rests: each renewal restarted it.
    await sleep(3_000);
    expect((await adapter.openOrders()).map((o) => o.clientOrderId)).toEqual([order.clientOrderId]);

    // The app "dies": no more renewals and no disarm.
    await deadMan.stop({ disarm: false });
    await sleep(5_500);
    expect(await adapter.openOrders()).toEqual([]);
    expect(fake.countdowns.fired).toEqual([{ apiKey: DEFAULT_GATE_ACCOUNT.apiKey, pair: undefined, cancelled: 1 }]);
    expect((await adapter.fetchOrder('BTC/USDT', order.exchangeOrderId!)).status).toBe('cancelled');
  }, 20_000);

  it('a normal quit disarms the countdown, so resting orders stay', async () => {
    const deadMan = new DeadManSwitch({ venues: () => [{ venue: 'gate', arm: (s) => adapter.armDeadManSwitch!(s) }], timeoutS: 5, refreshMs: 1_000 });
    await deadMan.heartbeat();
    expect(fake.countdowns.active()).toHaveLength(1);
    await deadMan.stop({ disarm: true });
    expect(fake.countdowns.active()).toEqual([]);
  });

  it('refuses a countdown Gate would refuse, before sending it', async () => {
    const before = fake.log.count({ path: '/api/v4/spot/countdown_cancel_all' });
    await expect(adapter.armDeadManSwitch!(3)).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(fake.log.count({ path: '/api/v4/spot/countdown_cancel_all' })).toBe(before);
  });
});
