import { describe, expect, it } from 'vitest';
import { ManualClock } from './testing/manual-clock';
import { VenueLink } from './venue-link';
import { WakeWatch } from './wake-watch';

describe('WakeWatch', () => {
  it('tells a jump of the wall clock against its timer (a sleep), not a timer that is merely on time', async () => {
    const clock = new ManualClock(1_000_000);
    const woke: number[] = [];
    const watch = new WakeWatch((slept) => woke.push(slept), { clock, everyMs: 5_000, toleranceMs: 10_000 });
    watch.start();
    await clock.advance(60_000);
    expect(woke).toEqual([]);
    // The machine sleeps 75 s: the wall clock jumps, and the pending timer fires only after it.
    clock.tick(75_000);
    await clock.advance(5_000);
    expect(woke).toHaveLength(1);
    expect(woke[0]).toBeGreaterThanOrEqual(70_000);
    await clock.advance(30_000);
    expect(woke).toHaveLength(1);
    watch.stop();
    expect(clock.pending).toBe(0);
  });

  it('on waking, an offline venue is probed at once rather than at its next slow probe', async () => {
    const clock = new ManualClock(0);
    const link = new VenueLink('binance', { clock, probeEveryMs: 15_000, jitter: 0 });
    let venueUp = false;
    const released: string[] = [];
    void link
      .whenReachable('refused', async () => {
        if (!venueUp) throw new Error('refused');
      })
      .reachable.then(() => released.push('stream'));
    const watch = new WakeWatch(() => link.probeNow(), { clock, everyMs: 5_000, toleranceMs: 10_000 });
    watch.start();
    await clock.advance(1_000);
    venueUp = true; // back while the machine slept
    clock.tick(60_000);
    // The watch's timer was due first (at 5 s): it finds the jump and the venue is probed then, not at 15 s.
    await clock.advance(0);
    expect(released).toEqual(['stream']);
    expect(link.state.state).toBe('live');
    watch.stop();
  });
});
