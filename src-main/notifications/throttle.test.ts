import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness';
import { sampleAlert, sampleTrade } from './testing/samples';
import { Throttle } from './throttle';

describe('Throttle', () => {
  const options = { windowMs: 60_000, repeatLimit: 2, channelLimit: { desktop: 3, email: 3, sms: 1 } };

  it('caps repeats of the same message per channel within the window, and lets them through once it has passed', () => {
    const throttle = new Throttle(options);
    expect(throttle.admit('desktop', 'a', 0).allowed).toBe(true);
    expect(throttle.admit('desktop', 'a', 10).allowed).toBe(true);
    const third = throttle.admit('desktop', 'a', 20);
    expect(third).toEqual({ allowed: false, reason: 'the same desktop notification was sent 2 times in the last 1 min; repeats are held back' });
    // Another channel counts on its own.
    expect(throttle.admit('email', 'a', 20).allowed).toBe(true);
    // The first one leaves the window at 60 000 ms.
    expect(throttle.admit('desktop', 'a', 60_000).allowed).toBe(true);
    expect(throttle.admit('desktop', 'a', 60_001).allowed).toBe(false);
  });

  it('caps everything on a channel, whatever it says', () => {
    const throttle = new Throttle(options);
    expect(throttle.admit('sms', 'a', 0).allowed).toBe(true);
    expect(throttle.admit('sms', 'b', 1)).toEqual({ allowed: false, reason: '1 sms notifications were sent in the last 1 min, the most allowed; try again later' });
    expect(throttle.admit('desktop', 'x', 1).allowed).toBe(true);
  });
});

describe('throttling in the service', () => {
  let harness: Harness;
  afterEach(() => harness.close());

  it('sends the same alert three times in ten minutes, logs the rest as throttled, and does not hold back other alerts', async () => {
    harness = startHarness();
    const outcomes: string[] = [];
    for (let i = 0; i < 5; i++) {
      const [entry] = await harness.service.notify('trade-executed', sampleTrade());
      outcomes.push(entry!.outcome);
    }
    expect(outcomes).toEqual(['sent', 'sent', 'sent', 'throttled', 'throttled']);
    expect(harness.shown).toHaveLength(3);
    expect(harness.service.deliveries(1)[0]!.detail).toContain('repeats are held back');
    const [other] = await harness.service.notify('trade-executed', sampleTrade({ amount: 2 }));
    expect(other!.outcome).toBe('sent');
    // A different type with its own subject is counted apart as well.
    const [alert] = await harness.service.notify('price-alert', sampleAlert());
    expect(alert).toMatchObject({ channel: 'desktop', outcome: 'sent' });
  });
});
