// Found by the API fuzz test (src-main/host/api-fuzz.test.ts) on a machine without a keychain: an update answered
// with an error must not have been saved, and one that touches no secret must not fail for want of a keychain.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
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
});
