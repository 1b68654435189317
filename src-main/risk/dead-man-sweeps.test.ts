// The dead-man's sweep: a countdown renewal that arrives after the countdown ran out is a lapse, and the risk service
// then sweeps the venue like the kill switch (never giving up, at once when the venue is reachable) until none of the
// orders placed before contact came back is open — leaving the ones placed afterwards. Ports and a manual clock.
import { describe, expect, it } from 'vitest';
import type { Order } from '../../src-shared';
import { InProcessEventBus } from '../events';
import { ManualClock } from '../resilience/testing/manual-clock';
import { openDatabase } from '../storage';
import type { CancelTarget } from './cancel-targets';
import { DeadManSwitch, type DeadManLapse } from './dead-man-switch';
import { RiskRepository } from './risk-repository';
import { RiskService } from './risk-service';

function order(id: string, createdAt: number): Order {
  return { clientOrderId: id, venue: 'gate', mode: 'live', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 1, price: 1, filled: 0, status: 'open', createdAt, updatedAt: createdAt };
}

describe("dead-man's sweep", () => {
  it('reports a renewal that came after the countdown ran out, however the time went (failures or a sleep)', async () => {
    let now = 0;
    let down = false;
    const lapses: DeadManLapse[] = [];
    const deadMan = new DeadManSwitch({
      venues: () => [{ venue: 'gate', arm: () => (down ? Promise.reject(new Error('Gate is not answering')) : Promise.resolve()) }],
      timeoutS: 30,
      now: () => now,
      onLapse: (_venue, lapse) => void lapses.push(lapse),
      onError: () => {},
    });
    await deadMan.heartbeat();
    now = 10_000;
    await deadMan.heartbeat();
    down = true;
    for (now = 20_000; now <= 60_000; now += 10_000) await deadMan.heartbeat();
    expect(lapses).toEqual([]);
    down = false;
    now = 65_000;
    await deadMan.heartbeat();
    // Renewed last at 10 s with a 30 s countdown: it ran out at 40 s; contact came back at 65 s.
    expect(lapses).toEqual([{ from: 40_000, to: 65_000 }]);
    // A renewal in time is no lapse; a laptop asleep for two minutes (no failure seen at all) is one.
    now = 90_000;
    await deadMan.heartbeat();
    now = 210_000;
    await deadMan.heartbeat();
    expect(lapses).toEqual([{ from: 40_000, to: 65_000 }, { from: 120_000, to: 210_000 }]);
    await deadMan.stop({ disarm: false });
  });

  it('sweeps what was open before contact came back until the venue lists none, and leaves newer orders', async () => {
    const clock = new ManualClock(1_000_000);
    const venue = { down: true, open: [order('before-1', 900_000), order('before-2', 950_000)] };
    const refuse = () => Promise.reject(new Error('Gate is not answering'));
    const target: CancelTarget = {
      venue: 'gate',
      mode: 'live',
      async cancelAll(filter) {
        if (venue.down) return refuse();
        const mine = venue.open.filter((o) => filter?.placedBefore === undefined || o.createdAt <= filter.placedBefore);
        venue.open = venue.open.filter((o) => !mine.includes(o));
        return { cancelled: mine.map((o) => ({ ...o, status: 'cancelled' as const })), failed: [], listedOnVenue: true };
      },
      listOpen: (filter) => (venue.down ? refuse() : Promise.resolve(venue.open.filter((o) => filter?.placedBefore === undefined || o.createdAt <= filter.placedBefore))),
    };
    const repository = new RiskRepository(openDatabase(':memory:'), () => clock.now());
    const risk = new RiskService({ repository, bus: new InProcessEventBus(), cancelTargets: () => [target], clock, killSwitchRetryDelaysMs: [100], killSwitchSlowRetryMs: 10_000 });
    // Contact back at 1,000,000 by the renewal's measure, but cancels still fail; a new order is placed right after.
    risk.deadManLapsed('gate', { from: 960_000, to: 1_000_000 });
    venue.open.push(order('after', 1_000_500));
    await clock.advance(30_000);
    expect(risk.deadManSweeps.running()).toEqual([expect.objectContaining({ status: 'waiting', venue: 'gate' })]);
    const log = () => repository.entries(10).filter((e) => e.kind === 'dead-man-report').map((e) => e.message);
    expect(log().at(-1)).toMatch(/^Gate\.io: the dead-man countdown ran out at \d\d:\d\d:\d\d UTC and contact came back at \d\d:\d\d:\d\d UTC \(40 s later\)/);
    expect(log()[0]).toMatch(/^After the dead-man countdown: Gate\.io \(live\): 0 cancelled; waiting for Gate\.io/);

    venue.down = false;
    risk.venueReachable('gate');
    await risk.deadManSweeps.whenSwept();
    expect(venue.open.map((o) => o.clientOrderId)).toEqual(['after']);
    expect(risk.deadManSweeps.running()).toEqual([]);
    expect(log()[0]).toBe('After the dead-man countdown: Gate.io (live): 2 cancelled, 2 of them after a retry; nothing left open.');
    // The kill switch was never engaged: orders are accepted.
    expect(risk.killSwitch.engaged).toBe(false);
    // Done is done: no more requests once swept (the loop does not guard like an engaged kill switch).
    expect(clock.pending).toBe(0);
    risk.close();
  });
});
