// The notification settings load whatever the key store says: locked (the key file before its passphrase) or
// unavailable (no keychain here). Before, the settings request failed and the screen stayed on "Loading…".
import { afterEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness';

describe('notification settings without usable keys', () => {
  let harness: Harness;
  afterEach(() => harness.close());

  it('load with the secrets shown as not set while the store is locked, and as set once it is unlocked', async () => {
    harness = startHarness();
    await harness.service.setSecret('smtp-password', 'mail-pass-1234');
    harness.secrets.lock('the passphrase');
    const locked = startHarness({ secrets: harness.secrets });
    try {
      const settings = await locked.service.settings();
      expect(settings.email).toMatchObject({ passwordSet: false });
      expect(settings.sms).toMatchObject({ authTokenSet: false });
      // Saving a secret while locked says so, in the store's words.
      await expect(locked.service.setSecret('twilio-auth-token', 'x')).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });

      await harness.secrets.unlock('the passphrase');
      expect((await locked.service.settings()).email).toMatchObject({ passwordSet: true });
    } finally {
      await locked.close();
    }
  });

  it('load when no keychain answers at all', async () => {
    harness = startHarness();
    harness.secrets.fail('get');
    const settings = await harness.service.settings();
    expect(settings.email.passwordSet).toBe(false);
    expect(settings.routing['risk-limit']).toContain('desktop');
  });
});
