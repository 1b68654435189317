// The kill switch pressed while Binance refuses every request, through the order service, real ccxt and the
// resilience stack core.ts puts around an account, against the fake Binance. The sweep's timers run on a manual
// clock: 90 s of outage and the 20 s after it are simulated, each step waiting (in real time) for the attempt it
// started to get its answers from the fake, so nothing here depends on the machine's speed. The venue's breaker is
// kept closed (the harness's setting): its cool-down runs on real time, and after an outage the venue's link (not
// this test's subject) is what tells the kill switch at once that the venue is back.
import { describe, expect, it } from 'vitest';
import { AppError, type KillSwitchState, type PlaceOrder } from '../../src-shared';
import { TEST_ACCOUNT } from '../../fakes/binance';
import { ManualClock } from '../resilience/testing/manual-clock';
import { openDatabase } from '../storage';
import { useBinanceHarness, waitFor } from '../trading/testing/binance-harness';
import { orderServiceCancelTarget } from './cancel-targets';
import { RiskRepository } from './risk-repository';
import { RiskService, type PreTradeCheck } from './risk-service';

const start = useBinanceHarness();

const resting = (i: number): PlaceOrder => ({ venue: 'binance', mode: 'live', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 0.001, price: 50_000 - i * 10 });

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return error as AppError;
  }
  throw new Error('expected a refusal');
}

describe('kill switch through an outage', () => {
  it('waits for Binance through 90 s of refusals, then empties it within 20 s of its return with no click — an order placed elsewhere too', { timeout: 90_000 }, async () => {
    const h = await start();
    const clock = new ManualClock(Date.now());
    const pushed: KillSwitchState[] = [];
    h.bus.subscribe('risk.kill-switch.changed', (state) => void pushed.push(state));
    // The order service runs the risk checks; the risk service cancels through the order service.
    const checks: PreTradeCheck[] = [];
    const orders = h.service({ checks });
    const risk = new RiskService({
      repository: new RiskRepository(openDatabase(':memory:')),
      bus: h.bus,
      cancelTargets: () => [orderServiceCancelTarget('binance', 'live', orders)],
      clock,
    });
    checks.push(...risk.checks);
    const openOnVenue = () => h.fake.engine.openOf(TEST_ACCOUNT.apiKey).length;
    const report = () => risk.killSwitch.state().venues.find((v) => v.venue === 'binance' && v.mode === 'live');
    /** Moves the sweep's time on by `ms`, a second at a time, letting each attempt started get its answers. */
    const advance = async (ms: number, until: () => boolean = () => false): Promise<number> => {
      for (let passed = 0; passed < ms; passed += 1_000) {
        if (until()) return passed;
        await clock.advance(1_000);
        await waitFor(() => report()?.status !== 'cancelling', 30_000, 'the attempt to get its answers');
      }
      return ms;
    };
    const refused = async () => {
      const error = await refusal(orders.place(resting(99)));
      expect(error).toBeInstanceOf(AppError);
      expect(error.code).toBe('RISK_LIMIT');
    };

    for (let i = 0; i < 10; i++) await orders.place(resting(i));
    expect(openOnVenue()).toBe(10);

    // Binance refuses every request from here on; the trader presses the kill switch.
    h.fake.faults.inject({ kind: '5xx', status: 503, times: 1e9 });
    risk.engageKillSwitch('test: venue down');
    await refused();
    await waitFor(() => report()?.status === 'waiting', 30_000, 'the first attempt to fail');
    expect(report()).toMatchObject({ status: 'waiting', stillOpen: 10 });

    await advance(30_000);
    // Meanwhile another device places an order on the account (straight into the venue's book).
    const elsewhere = h.fake.engine.place({ apiKey: TEST_ACCOUNT.apiKey, symbol: 'BTCUSDT', clientOrderId: 'other-device-1', side: 'BUY', type: 'LIMIT', timeInForce: 'GTC', price: 49_000, stopPrice: 0, origQty: 0.001 });
    expect('order' in elsewhere).toBe(true);
    await refused();
    await advance(60_000);

    // 90 s of refusals: never "failed", still waiting with the count, still trying at the slow pace.
    const during = report()!;
    expect(during).toMatchObject({ status: 'waiting', stillOpen: 10 });
    expect(during.nextAttemptAt! - clock.now()).toBeLessThanOrEqual(15_000);
    // 4 quick attempts in the first 3 s, then one at least every 15 s over the remaining 87 s.
    expect(during.attempts).toBeGreaterThanOrEqual(4 + Math.floor(87 / 15));
    expect(pushed.some((state) => state.venues.some((v) => v.status === 'failed'))).toBe(false);
    expect(risk.killSwitch.state().sweeping).toBe(true);
    expect(risk.log(50).find((e) => e.kind === 'kill-switch-report')?.message).toMatch(/^Binance \(live\): 0 cancelled; waiting for Binance — 10 orders still open after \d+ attempts \(.+\)\. Trying again until none is left\.$/);
    expect(openOnVenue()).toBe(11);
    await refused();

    // Binance is back. Nobody clicks anything.
    h.fake.faults.clear();
    const tookMs = await advance(20_000, () => openOnVenue() === 0);
    expect(openOnVenue()).toBe(0);
    expect(tookMs).toBeLessThanOrEqual(20_000);
    const done = await risk.killSwitch.whenSwept();
    const binance = done.venues.find((v) => v.venue === 'binance')!;
    expect(binance).toMatchObject({ status: 'done', stillOpen: 0, outstanding: [] });
    expect(binance.cancelled.map((c) => c.clientOrderId)).toContain('other-device-1');
    expect(binance.cancelled).toHaveLength(11);
    expect(done.sweeping).toBe(false);
    // The journal agrees: the order from the other device was adopted, and every order is cancelled.
    expect(orders.list({ scope: 'open', limit: 100 })).toEqual([]);
    expect(risk.log(50)[0]).toMatchObject({ kind: 'kill-switch-report', message: 'Binance (live): 11 cancelled, 11 of them after a retry; nothing left open.' });
    // Still engaged: still refused, on a healthy venue too.
    await refused();
    expect(h.fake.engine.orders.filter((o) => o.price === resting(99).price)).toEqual([]);
    risk.close();
  });
});
