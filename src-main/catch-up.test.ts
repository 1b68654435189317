// A venue back after an outage or a wake-up, with the REAL order service against the fake Binance through ccxt: an
// order placed on the venue from another device meanwhile is adopted, the venue's balances are pushed, the engaged
// kill switch's sweep is asked for at once, and one risk-log entry says what was found.
import { describe, expect, it, vi } from 'vitest';
import type { KillSwitchState, VenueId } from '../src-shared';
import { CatchUp } from './catch-up';
import { TEST_ACCOUNT } from '../fakes/binance';
import { useBinanceHarness, type BinanceHarness } from './trading/testing/binance-harness';

const start = useBinanceHarness();

function catchUpOf(h: BinanceHarness, killSwitch: KillSwitchState = { engaged: false, venues: [], sweeping: false }) {
  const service = h.service();
  const logged: { venue: VenueId; message: string }[] = [];
  const sweepNow = vi.fn();
  const balances: unknown[] = [];
  h.bus.subscribe('balance.changed', (payload) => void balances.push(payload));
  const catchUp = new CatchUp({
    connected: () => ['binance'],
    reconcile: (venue, mode) => service.reconcileVenue(venue, mode),
    refreshBalances: (venue, mode) => service.refreshBalances({ venue, mode }),
    killSwitch: () => killSwitch,
    sweepNow,
    log: (venue, message) => void logged.push({ venue, message }),
  });
  return { service, catchUp, logged, sweepNow, balances };
}

describe('catching up a venue that is back', () => {
  it('after a wake-up: adopts an order placed elsewhere, pushes the balances and logs what it found once', async () => {
    const h = await start();
    const { service, catchUp, logged, sweepNow, balances } = catchUpOf(h);
    // Placed from the phone while the laptop slept.
    await h.raw.createOrder({ venue: 'binance', symbol: 'BTC/USDT', side: 'sell', type: 'limit', amount: 0.002, price: 75_000 }, 'phone_sell_1');

    // The wall clock's jump and the link answering arrive together: one catch-up, one entry.
    await Promise.all([catchUp.wokeUp(95_000), catchUp.venueBack('binance', 'back after 2 min offline')]);

    expect(service.list({ scope: 'open', limit: 10 }).map((o) => o.clientOrderId)).toEqual(['phone_sell_1']);
    expect(balances).toHaveLength(1);
    const usdt = h.fake.balance(TEST_ACCOUNT.apiKey, 'USDT');
    expect(balances[0]).toMatchObject({ venue: 'binance', mode: 'live' });
    expect((balances[0] as { balances: { asset: string; total: number }[] }).balances.find((b) => b.asset === 'USDT')?.total).toBeCloseTo(usdt.free + usdt.locked);
    expect(sweepNow).toHaveBeenCalledWith('binance');
    expect(logged).toHaveLength(1);
    expect(logged[0]!.venue).toBe('binance');
    expect(logged[0]!.message).toMatch(/^Binance checked after the computer woke up \(asleep about 95 s\): open orders reconciled \(0 checked, 0 settled, 1 placed elsewhere adopted\); balances refreshed\./);
  });

  it('says what is still open under an engaged kill switch, and what could not be read', async () => {
    const h = await start();
    const killSwitch: KillSwitchState = {
      engaged: true,
      venues: [{ venue: 'binance', mode: 'live', status: 'waiting', cancelled: [], failures: [], outstanding: ['a', 'b', 'c'], stillOpen: 3, attempts: 4 }],
      sweeping: true,
    };
    const { catchUp, logged, balances } = catchUpOf(h, killSwitch);
    h.fake.inject({ kind: '5xx', status: 503, path: '/api/v3/account', times: 100 });
    await catchUp.venueBack('binance', 'back after 4 min offline');
    expect(balances).toEqual([]);
    expect(logged).toHaveLength(1);
    expect(logged[0]!.message).toMatch(/^Binance back after 4 min offline: open orders reconciled .*; balances not refreshed \(.+\); kill switch engaged: sweeping again \(3 orders still open as last seen\)\./);
  });
});
