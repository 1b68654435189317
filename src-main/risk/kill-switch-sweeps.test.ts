// The kill switch's sweeps when the trader presses again: a press during a sweep starts nothing new, and a sweep
// overtaken by release + engage stops reporting into the new one. The venue is a port here (a cancel-all that waits
// for the test), so the timing is the test's.
import { describe, expect, it } from 'vitest';
import type { CancelAllResult, Order } from '../../src-shared';
import { openDatabase } from '../storage';
import type { CancelTarget } from './cancel-targets';
import { KillSwitch } from './kill-switch';
import { RiskRepository } from './risk-repository';

function order(id: string): Order {
  return { clientOrderId: id, venue: 'demo', mode: 'demo', symbol: 'BTC/USDT', side: 'buy', type: 'limit', amount: 1, price: 1, filled: 0, status: 'cancelled', createdAt: 1, updatedAt: 1 };
}

/** A venue whose each cancel-all waits until the test answers it. */
function heldVenue() {
  const calls: ((result: CancelAllResult) => void)[] = [];
  const target: CancelTarget = { venue: 'demo', mode: 'demo', cancelAll: () => new Promise((resolve) => calls.push(resolve)) };
  return { target, calls };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('kill switch sweeps', () => {
  it('a second press while the sweep runs starts no second sweep', async () => {
    const venue = heldVenue();
    const ks = new KillSwitch({ repository: new RiskRepository(openDatabase(':memory:')), targets: () => [venue.target], onChange: () => {} });
    ks.engage('first');
    ks.engage('second');
    await tick();
    expect(venue.calls).toHaveLength(1);
    venue.calls[0]!({ cancelled: [order('a')], failed: [] });
    const state = await ks.whenSwept();
    expect(state).toMatchObject({ engaged: true, reason: 'first', sweeping: false, venues: [{ status: 'done', cancelled: [{ clientOrderId: 'a', attempt: 1 }] }] });
  });

  it('a sweep overtaken by release and engage again does not write into the new report', async () => {
    const venue = heldVenue();
    const ks = new KillSwitch({ repository: new RiskRepository(openDatabase(':memory:')), targets: () => [venue.target], onChange: () => {} });
    ks.engage('first');
    ks.release();
    ks.engage('again');
    await tick();
    expect(venue.calls).toHaveLength(2);
    venue.calls[0]!({ cancelled: [order('old')], failed: [] });
    await tick();
    expect(ks.state().venues).toEqual([expect.objectContaining({ status: 'cancelling', cancelled: [] })]);
    venue.calls[1]!({ cancelled: [order('new')], failed: [] });
    const state = await ks.whenSwept();
    expect(state.venues).toEqual([expect.objectContaining({ status: 'done', cancelled: [{ clientOrderId: 'new', symbol: 'BTC/USDT', attempt: 1 }] })]);
    expect(state).toMatchObject({ engaged: true, reason: 'again' });
  });
});
