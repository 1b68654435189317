// The kill switch's sweeps, with the venue as a port and time on a manual clock: a press during a sweep starts
// nothing new, a sweep overtaken by release + engage neither writes into the new report nor overlaps it, and a venue
// that keeps failing is retried at the slow pace (and at once when it becomes reachable) until its list is empty.
import { describe, expect, it } from 'vitest';
import { AppError, type CancelAllResult, type KillSwitchState, type Order } from '../../src-shared';
import { ManualClock } from '../resilience/testing/manual-clock';
import { openDatabase } from '../storage';
import type { CancelTarget } from './cancel-targets';
import { KillSwitch } from './kill-switch';
import { RiskRepository } from './risk-repository';

function order(id: string, status: Order['status'] = 'cancelled'): Order {
  return { clientOrderId: id, venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 1, price: 1, filled: 0, status, createdAt: 1, updatedAt: 1 };
}

/** A venue whose each cancel-all waits until the test answers it; its list of open orders is the test's. */
function heldVenue() {
  const calls: ((result: CancelAllResult) => void)[] = [];
  let open: Order[] = [];
  const target: CancelTarget = {
    venue: 'demo',
    mode: 'demo',
    cancelAll: () => new Promise((resolve) => calls.push((result) => resolve({ ...result, listedOnVenue: true }))),
    listOpen: () => Promise.resolve(open),
  };
  return { target, calls, setOpen: (orders: Order[]) => (open = orders) };
}

/** A venue that refuses every request while `down`, and otherwise cancels whatever is open. */
function flakyVenue(initial: number) {
  const venue = { down: true, open: Array.from({ length: initial }, (_, i) => order(`o-${i}`, 'open')), requests: 0 };
  const refuse = () => Promise.reject(Object.assign(new Error('Binance is not answering'), { name: 'NetworkError' }));
  const target: CancelTarget = {
    venue: 'binance',
    mode: 'live',
    cancelAll: () => {
      venue.requests++;
      if (venue.down) return refuse();
      const cancelled = venue.open.map((o) => ({ ...o, status: 'cancelled' as const }));
      venue.open = [];
      return Promise.resolve({ cancelled, failed: [], listedOnVenue: true });
    },
    listOpen: () => {
      venue.requests++;
      return venue.down ? refuse() : Promise.resolve(venue.open);
    },
  };
  return { venue, target };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
const repository = () => new RiskRepository(openDatabase(':memory:'));

describe('kill switch sweeps', () => {
  it('a second press while the sweep runs starts no second sweep', async () => {
    const venue = heldVenue();
    const ks = new KillSwitch({ repository: repository(), targets: () => [venue.target], onChange: () => {} });
    ks.engage('first');
    ks.engage('second');
    await tick();
    expect(venue.calls).toHaveLength(1);
    venue.calls[0]!({ cancelled: [order('a')], failed: [] });
    const state = await ks.whenSwept();
    expect(state).toMatchObject({ engaged: true, reason: 'first', sweeping: false, venues: [{ status: 'done', cancelled: [{ clientOrderId: 'a', attempt: 1 }] }] });
    ks.close();
  });

  it('a sweep overtaken by release and engage again does not write into the new report, and does not overlap it', async () => {
    const venue = heldVenue();
    const ks = new KillSwitch({ repository: repository(), targets: () => [venue.target], onChange: () => {} });
    ks.engage('first');
    await tick();
    ks.release();
    ks.engage('again');
    await tick();
    // One attempt at a time on a venue: the new sweep waits for the old attempt's answer.
    expect(venue.calls).toHaveLength(1);
    venue.calls[0]!({ cancelled: [order('old')], failed: [] });
    await tick();
    expect(venue.calls).toHaveLength(2);
    expect(ks.state().venues).toEqual([expect.objectContaining({ status: 'cancelling', cancelled: [] })]);
    venue.calls[1]!({ cancelled: [order('new')], failed: [] });
    const state = await ks.whenSwept();
    expect(state.venues).toEqual([expect.objectContaining({ status: 'done', cancelled: [{ clientOrderId: 'new', symbol: 'BTC/USDT', attempt: 1 }] })]);
    expect(state).toMatchObject({ engaged: true, reason: 'again' });
    ks.close();
  });

  it('never gives up: waits for the venue at the slow pace with the count, tries at once when it is reachable, and is done when its list is empty', async () => {
    const clock = new ManualClock(Date.UTC(2026, 0, 1, 14, 0, 0));
    const { venue, target } = flakyVenue(10);
    const pushed: KillSwitchState[] = [];
    const repo = repository();
    const ks = new KillSwitch({ repository: repo, targets: () => [target], onChange: (s) => void pushed.push(s), retryDelaysMs: [250, 750, 2_000], slowRetryMs: 15_000, random: () => 0, clock });
    ks.engage('test');
    // The quick retries (3 s in all) are spent, and a minute of the slow pace passes: 4 + 4 attempts.
    await clock.advance(63_100);
    const waiting = ks.state().venues[0]!;
    expect(waiting).toMatchObject({ status: 'waiting', attempts: 8, nextAttemptAt: expect.any(Number) });
    expect(waiting.nextAttemptAt! - clock.now()).toBeLessThanOrEqual(15_000);
    expect(ks.state().sweeping).toBe(true);
    expect(pushed.some((s) => s.venues.some((v) => v.status === 'failed'))).toBe(false);
    // The loop neither stopped nor ran faster than the pace: one request per attempt while the venue cannot list.
    expect(venue.requests).toBe(8);
    expect(repo.entries(10).find((e) => e.kind === 'kill-switch-report')?.message).toMatch(/^Binance \(live\): 0 cancelled; waiting for Binance — its open orders could not be listed yet after 4 attempts \(Binance is not answering\)\. Trying again until none is left\.$/);

    // The venue comes back; its link says so: the sweep runs now, not at the next slow retry.
    venue.down = false;
    ks.venueReachable('binance');
    await clock.advance(0);
    expect(venue.open).toEqual([]);
    expect(ks.state()).toMatchObject({ sweeping: false, venues: [{ status: 'done', stillOpen: 0, attempts: 9 }] });
    expect(ks.state().venues[0]!.cancelled).toHaveLength(10);

    // Still engaged: an order placed from another device afterwards is found at the slow pace and cancelled.
    venue.open = [order('elsewhere', 'open')];
    await clock.advance(15_000);
    expect(venue.open).toEqual([]);
    expect(ks.state().venues[0]!.cancelled.map((c) => c.clientOrderId)).toContain('elsewhere');

    // Released: the sweeping stops; nothing is asked of the venue any more.
    ks.release();
    const before = venue.requests;
    await clock.advance(120_000);
    expect(venue.requests).toBe(before);
    expect(clock.pending).toBe(0);
  });

  it("tries again when the app's own breaker lets a call through, not a whole slow pace later", async () => {
    const clock = new ManualClock(0);
    const started: number[] = [];
    let down = true;
    const target: CancelTarget = {
      venue: 'binance',
      mode: 'live',
      cancelAll: () => {
        started.push(clock.now());
        if (!down) return Promise.resolve({ cancelled: [], failed: [], listedOnVenue: true });
        // The circuit is open for 4 more seconds: nothing was sent.
        return Promise.reject(new AppError('CIRCUIT_OPEN', 'Binance failed 5 times in a row, so calls to it are paused', true, { retryAfterMs: 4_000 }));
      },
      listOpen: () => Promise.resolve([]),
    };
    const ks = new KillSwitch({ repository: repository(), targets: () => [target], onChange: () => {}, retryDelaysMs: [250], slowRetryMs: 15_000, random: () => 0, clock });
    ks.engage();
    await clock.advance(20_000);
    // 0: first try; 250 ms: the quick retry; then each time the breaker allows a trial call, 4 s apart.
    expect(started.slice(0, 4)).toEqual([0, 250, 4_250, 8_250]);
    down = false;
    await clock.advance(4_000);
    expect(ks.state().venues[0]).toMatchObject({ status: 'done' });
    ks.close();
  });

  it('a switch still engaged after a restart sweeps again on start, continuing the saved report', async () => {
    const clock = new ManualClock(1_000_000);
    const { venue, target } = flakyVenue(3);
    const db = openDatabase(':memory:');
    const first = new KillSwitch({ repository: new RiskRepository(db), targets: () => [target], onChange: () => {}, retryDelaysMs: [100], slowRetryMs: 1_000, random: () => 0, clock });
    first.engage('before the restart');
    await clock.advance(500);
    expect(first.state().venues[0]).toMatchObject({ status: 'waiting', attempts: 2 });
    first.close();

    venue.down = false;
    const second = new KillSwitch({ repository: new RiskRepository(db), targets: () => [target], onChange: () => {}, clock });
    expect(second.state()).toMatchObject({ engaged: true, reason: 'before the restart', venues: [{ status: 'waiting', attempts: 2 }] });
    expect(venue.open).toHaveLength(3);
    second.resume();
    const state = await second.whenSwept();
    expect(venue.open).toEqual([]);
    expect(state.venues[0]).toMatchObject({ status: 'done', attempts: 3 });
    expect(state.venues[0]!.cancelled).toHaveLength(3);
    second.close();
  });
});
