// Found by the API fuzz test (src-main/host/api-fuzz.test.ts) on a machine without a keychain: an update that is
// answered with an error must not have been saved.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './testing/harness';

describe('notification settings update', () => {
  let harness: Harness;
  beforeEach(() => {
    harness = startHarness();
  });
  afterEach(() => harness.close());

  it('saves nothing when the keychain cannot say which secrets are set', async () => {
    harness.secrets.fail('get');
    await expect(harness.service.update({ desktop: { enabled: false } })).rejects.toThrow();
    harness.secrets.recover();
    expect(await harness.service.settings()).toMatchObject({ desktop: { enabled: true } });
  });

  it('saves and answers when it can', async () => {
    expect(await harness.service.update({ desktop: { enabled: false } })).toMatchObject({ desktop: { enabled: false }, email: { passwordSet: false } });
    expect(await harness.service.settings()).toMatchObject({ desktop: { enabled: false } });
  });
});
