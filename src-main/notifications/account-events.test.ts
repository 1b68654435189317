// Signing in and out (the auth domain's bus events) is recorded in the notifications log, and shown on the desktop
// channel when that is on.
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness';

describe('account events in the notifications log', () => {
  let harness: Harness;
  afterEach(() => harness.close());

  it('logs and shows a sign-in, and a session that ended by itself with its reason', async () => {
    harness = startHarness();
    harness.bus.publish('user.signed-in', { name: 'Alice Trader', email: 'alice@example.com', at: 1 });
    harness.bus.publish('user.signed-out', { at: 2, reason: 'your sign-in ended: the provider refused the saved session' });
    await expect.poll(() => harness.service.deliveries(10).length).toBe(2);
    const [out, signedIn] = harness.service.deliveries(10);
    expect(signedIn).toMatchObject({ type: 'account', channel: 'desktop', outcome: 'sent', subject: 'Signed in as Alice Trader', detail: 'alice@example.com' });
    expect(out).toMatchObject({ type: 'account', outcome: 'sent', subject: 'Signed out', detail: 'your sign-in ended: the provider refused the saved session' });
    expect(harness.shown.map((n) => n.title)).toEqual(['Signed in as Alice Trader', 'Signed out']);
  });

  it('logs it as skipped when desktop notifications are off', async () => {
    harness = startHarness();
    await harness.service.update({ desktop: { enabled: false } });
    harness.bus.publish('user.signed-out', { at: 3 });
    await expect.poll(() => harness.service.deliveries(10).length).toBe(1);
    expect(harness.service.deliveries(1)[0]).toMatchObject({ type: 'account', outcome: 'skipped', subject: 'Signed out', detail: 'You signed out of your account.' });
    expect(harness.shown).toEqual([]);
  });
});
