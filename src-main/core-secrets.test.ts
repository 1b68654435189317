// The composition root over a locked key file: requests that need keys say so, and unlocking reaches every window
// (`secrets.status-changed`) and the services, with no restart.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ApiResponse, EventName } from '../src-shared';
import { TransportSession } from './api/session';
import { createCore, type Core } from './core';
import { FileSecretStore } from './secrets';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('core with the key file', () => {
  it('answers "locked" until unlocked, then tells every session and takes keys', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tbs-core-secrets-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const secrets = new FileSecretStore(join(dataDir, 'secrets.enc'), { cost: { N: 2 ** 12, r: 8, p: 1 } });
    const core: Core = await createCore({ dataDir, transport: 'websocket', demoSeed: 7, secrets, marketDataUrls: {} });
    cleanups.push(() => core.close());
    const events: Array<{ event: EventName; payload: unknown }> = [];
    const session = new TransportSession('a', (event, payload) => events.push({ event, payload }));
    const call = (channel: string, payload: unknown): Promise<ApiResponse> => core.dispatcher.dispatch(channel, payload, session);

    expect(await call('secrets:status', {})).toMatchObject({ ok: true, result: { store: 'file', state: 'locked', fileExists: false } });
    expect(await call('providers:set-key', { provider: 'polygon', apiKey: 'poly-key-1234' })).toMatchObject({
      ok: false,
      error: { code: 'SECRETS_LOCKED', message: expect.stringContaining('locked: enter the passphrase') },
    });
    // Nothing waits on the locked store: the settings load, with the secrets shown as not set.
    expect(await call('notifications:settings', {})).toMatchObject({ ok: true, result: { email: { passwordSet: false } } });

    expect(await call('secrets:unlock', { passphrase: 'a long passphrase' })).toMatchObject({ ok: true, result: { state: 'ready' } });
    expect(events).toContainEqual({ event: 'secrets.status-changed', payload: { store: 'file', state: 'ready', fileExists: true } });
    expect(await call('providers:set-key', { provider: 'polygon', apiKey: 'poly-key-1234' })).toMatchObject({ ok: true, result: { keySet: true } });
    expect(await secrets.get('market-data:polygon')).toBe('poly-key-1234');
  });
});
