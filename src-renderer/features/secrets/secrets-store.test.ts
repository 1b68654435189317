import { beforeEach, describe, expect, it } from 'vitest';
import type { SecretsStatus } from '../../../src-shared';
import { ApiClient } from '../../api/client';
import { FakeBridge } from '../../testing/fixtures';
import { useSecrets } from './secrets-store';

const secrets = () => useSecrets.getState();
const LOCKED: SecretsStatus = { store: 'file', state: 'locked', fileExists: true, problem: 'Keys are locked: enter the passphrase' };
const READY: SecretsStatus = { store: 'file', state: 'ready', fileExists: true };

beforeEach(() => useSecrets.setState({ status: undefined, promptOpen: false, unlocks: 0 }));

describe('secrets store', () => {
  it('opens the prompt once at start when the keys are locked, and not again on a reconnection', async () => {
    const bridge = new FakeBridge().answer('secrets:status', () => LOCKED);
    const api = new ApiClient(bridge);
    await secrets().load(api);
    expect(secrets()).toMatchObject({ status: LOCKED, promptOpen: true });
    secrets().closePrompt();
    await secrets().load(api);
    expect(secrets().promptOpen).toBe(false);
  });

  it('counts each unlock, so screens reload, and closes the prompt', async () => {
    const bridge = new FakeBridge().answer('secrets:status', () => LOCKED).answer('secrets:unlock', () => READY);
    const api = new ApiClient(bridge);
    await secrets().load(api);
    expect(await secrets().unlock(api, 'the passphrase')).toBeUndefined();
    expect(secrets()).toMatchObject({ status: READY, promptOpen: false, unlocks: 1 });
    expect(bridge.calls.at(-1)).toEqual({ channel: 'secrets:unlock', payload: { passphrase: 'the passphrase' } });
    // Pushed by main again (another window unlocked): no second count.
    secrets().changed(READY);
    expect(secrets().unlocks).toBe(1);
  });

  it('returns a refused passphrase in words and stays locked', async () => {
    const bridge = new FakeBridge().answer('secrets:status', () => LOCKED).answer('secrets:unlock', () => {
      throw new Error('That passphrase does not open the key file');
    });
    const api = new ApiClient(bridge);
    await secrets().load(api);
    expect(await secrets().unlock(api, 'wrong')).toBe('That passphrase does not open the key file');
    expect(secrets()).toMatchObject({ status: LOCKED, promptOpen: true, unlocks: 0 });
  });
});
