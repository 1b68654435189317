import { describe, expect, it } from 'vitest';
import { ManualClock } from './testing/manual-clock';
import { VenueLink, VenueLinks, type LinkState } from './venue-link';

const FIVE_MINUTES = 300_000;

function failingProbe(calls: { n: number }) {
  return async () => {
    calls.n++;
    throw new Error('connect ECONNREFUSED');
  };
}

describe('VenueLink', () => {
  it('probes one venue once per slow step however many streams wait, within the documented limit', async () => {
    const clock = new ClockWithStart();
    const link = new VenueLink('binance', { clock, probeEveryMs: 15_000, jitter: 0.2, random: () => 0.5 });
    const calls = { n: 0 };
    const released: number[] = [];
    for (let i = 0; i < 10; i++) void link.whenReachable('refused', failingProbe(calls)).reachable.then(() => released.push(i));
    expect(link.state.state).toBe('offline');
    await clock.advance(FIVE_MINUTES);
    // 10 wanted streams, one probe per 13.5 s (15 s less half the 20 % jitter): 22 in five minutes, not 220.
    expect(link.probes).toBe(calls.n);
    expect(calls.n).toBeGreaterThanOrEqual(20);
    expect(calls.n).toBeLessThanOrEqual(23);
    expect(calls.n).toBeLessThanOrEqual(60);
    expect(released).toEqual([]);
    const state = link.state as Extract<LinkState, { state: 'offline' }>;
    expect(state.reason).toMatch(/ECONNREFUSED/);
    expect(state.nextProbeAt).toBeGreaterThan(clock.now());
    expect(state.nextProbeAt! - clock.now()).toBeLessThanOrEqual(15_000);
  });

  it('releases every waiter at once and tells its listeners when one probe is answered', async () => {
    const clock = new ManualClock(1_000_000);
    const link = new VenueLink('binance', { clock, probeEveryMs: 15_000, random: () => 0 });
    let venueUp = false;
    const probe = async () => {
      if (!venueUp) throw new Error('refused');
    };
    const released: number[] = [];
    let reachable = 0;
    link.onReachable(() => reachable++);
    for (let i = 0; i < 5; i++) void link.whenReachable('refused', probe).reachable.then(() => released.push(i));
    await clock.advance(45_000);
    expect(released).toEqual([]);
    venueUp = true;
    await clock.advance(15_000);
    expect(released.sort()).toEqual([0, 1, 2, 3, 4]);
    expect(reachable).toBe(1);
    expect(link.state).toEqual({ state: 'live' });
    expect(clock.pending).toBe(0); // nothing left probing a live venue
  });

  it('probes at once on Retry now, and a stopped waiter leaves nothing to probe', async () => {
    const clock = new ManualClock(0);
    const link = new VenueLink('binance', { clock, probeEveryMs: 15_000 });
    const calls = { n: 0 };
    const wait = link.whenReachable('refused', failingProbe(calls));
    link.probeNow();
    await clock.advance(0);
    expect(calls.n).toBe(1);
    wait.cancel();
    await clock.advance(60_000);
    expect(calls.n).toBe(1);
    expect(clock.pending).toBe(0);
  });

  it('takes a probe that connected but heard nothing yet (a quiet market) as the venue answering', async () => {
    const clock = new ManualClock(0);
    const link = new VenueLink('binance', { clock, probeEveryMs: 15_000, jitter: 0, probeSettleMs: 20_000 });
    const released: string[] = [];
    void link.whenReachable('refused', () => new Promise<void>(() => {})).reachable.then(() => released.push('quiet'));
    void link.whenReachable('refused').reachable.then(() => released.push('other'));
    await clock.advance(15_000 + 19_000);
    expect(released).toEqual([]);
    await clock.advance(1_000);
    expect(released.sort()).toEqual(['other', 'quiet']);
    expect(link.state.state).toBe('live');
  });

  it('holds probes and reconnects under the venue connection-attempt limit', async () => {
    const clock = new ManualClock(0);
    const link = new VenueLink('binance', { clock, probeEveryMs: 1, jitter: 0, connectLimit: { id: 'ws', limit: 10, intervalMs: FIVE_MINUTES } });
    let granted = 0;
    while (link.reserveAttempt() === 0) granted++;
    expect(granted).toBe(9); // the limit less the 10 % safety margin
    const calls = { n: 0 };
    link.whenReachable('refused', failingProbe(calls));
    await clock.advance(FIVE_MINUTES - 1);
    expect(calls.n).toBe(0);
    await clock.advance(10);
    expect(calls.n).toBeGreaterThan(0);
    expect(link.attemptsUsed()!.used).toBeLessThanOrEqual(10);
  });
});

describe('VenueLinks', () => {
  it('tells one subscriber which venue answered again, for links created after it subscribed too', async () => {
    const clock = new ManualClock(0);
    const links = new VenueLinks({ clock, probeEveryMs: 1_000, jitter: 0 });
    const reachable: string[] = [];
    links.onAnyReachable((venue) => reachable.push(venue));
    for (const venue of ['binance', 'gate'] as const) {
      links.get(venue).whenReachable('refused', async () => {});
    }
    await clock.advance(1_000);
    expect(reachable.sort()).toEqual(['binance', 'gate']);
  });
});

/** A manual clock that starts at a realistic time. */
class ClockWithStart extends ManualClock {
  constructor() {
    super(Date.UTC(2026, 0, 5, 12));
  }
}
