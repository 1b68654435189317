// Found by the API fuzz test (src-main/host/api-fuzz.test.ts) on a machine without a keychain: an update answered
// with an error must not have been saved, and one that touches no secret must not fail for want of a keychain.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { secretAccount } from './config-store';
import { startHarness, type Harness } from './testing/harness';

describe('notification settings update', () => {
  let harness: Harness;
  beforeEach(() => {
    harness = startHarness();
  });
  afterEach(() => harness.close());

  it('saves a change that moves no secret when the keychain cannot be read, and answers with the secrets as not set', async () => {
    harness.secrets.fail('get');
    expect(await harness.service.update({ desktop: { enabled: false } })).toMatchObject({ desktop: { enabled: false }, email: { passwordSet: false } });
    harness.secrets.recover();
    expect(await harness.service.settings()).toMatchObject({ desktop: { enabled: false } });
  });

  it('saves nothing when a secret typed in the same request cannot be stored', async () => {
    harness.secrets.fail('set');
    await expect(harness.service.update({ desktop: { enabled: false }, smtpPassword: 'typed-again-1234' })).rejects.toMatchObject({ code: 'SECRETS_UNAVAILABLE' });
    harness.secrets.recover();
    expect(await harness.service.settings()).toMatchObject({ desktop: { enabled: true }, email: { passwordSet: false } });
  });

  it('saves and answers when it can', async () => {
    expect(await harness.service.update({ desktop: { enabled: false } })).toMatchObject({ desktop: { enabled: false }, email: { passwordSet: false } });
    expect(await harness.service.settings()).toMatchObject({ desktop: { enabled: false } });
  });

  // Found by the API fuzz test (seed 1): reading a secret saved before destinations were recorded records its
  // destination, and that read ran before the request was judged.
  it('writes nothing, not even a destination record, for an update refused for its own content', async () => {
    await harness.secrets.set(secretAccount('smtp-password'), 'saved-before-destinations');
    const rows = () => harness.db.prepare('SELECT key, value FROM settings ORDER BY key').all();
    const before = rows();
    await expect(
      harness.service.update({ email: { enabled: true, host: '127.0.0.1', port: 9, security: 'none', user: 'u', from: 'a@example.test', to: 'b@example.test' }, quietHours: { enabled: false, start: '22:00', end: '07:00', timeZone: 'Mars/Olympus' } }),
    ).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(rows()).toEqual(before);
  });
});
