// Shared mode saved in Settings: the address without its password, the password in the key store bound to its
// server (a new server clears it unless typed again), refusals that change nothing, and what the next start uses.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { MemorySecretStore } from './secrets/testing';
import { SharedSettings } from './shared-settings';
import { SettingsRepository } from './storage';
import { useTempDatabases } from './storage/testing/temp-databases';

const temp = useTempDatabases();

function setup() {
  const settings = new SettingsRepository(temp.open(join(temp.folder(), 'app.sqlite')));
  const secrets = new MemorySecretStore();
  const shared = new SharedSettings(settings, secrets, { options: undefined, fromCommandLine: false });
  const nextStart = () => SharedSettings.startOptions(settings, secrets, 'desktop');
  return { settings, secrets, shared, nextStart };
}

describe('shared mode in Settings', () => {
  it('keeps the address without its password, the password in the key store, and uses both at the next start', async () => {
    const { shared, secrets, settings, nextStart } = setup();
    const view = await shared.update({ url: 'rediss://trader:s3cret%21@redis.example.com:6380', name: 'laptop' });
    expect(view).toEqual({ url: 'rediss://trader@redis.example.com:6380', passwordSet: true, name: 'laptop', fromCommandLine: false, restartNeeded: true });
    expect(await secrets.get('shared-mode:redis-password')).toBe('s3cret!');
    // Nothing of the password in the settings table.
    for (const key of settings.all()) expect(JSON.stringify(settings.get(key, z.unknown()))).not.toContain('s3cret');
    expect(await nextStart()).toEqual({ url: 'rediss://trader@redis.example.com:6380', password: 's3cret!', name: 'laptop', role: 'desktop' });
  });

  it('clears the password when the server changes without it, and keeps it for the same server', async () => {
    const { shared, secrets, nextStart } = setup();
    await shared.update({ url: 'redis://10.0.0.5:6379', password: 'pw-one' });
    expect((await shared.update({ name: 'vps' })).passwordSet).toBe(true);
    expect((await nextStart())?.password).toBe('pw-one');
    const moved = await shared.update({ url: 'redis://attacker.example:6379' });
    expect(moved.passwordSet).toBe(false);
    expect(await secrets.get('shared-mode:redis-password')).toBeUndefined();
    expect((await nextStart())?.password).toBeUndefined();
    expect((await shared.update({ url: 'redis://10.0.0.6:6379', password: 'pw-two' })).passwordSet).toBe(true);
    expect((await nextStart())?.password).toBe('pw-two');
  });

  it('refuses a bad address or settings with no address, changing nothing; null turns it off', async () => {
    const { shared, secrets, nextStart } = setup();
    await expect(shared.update({ name: 'no-address' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await expect(shared.update({ url: 'http://redis.example.com', password: 'x' })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    expect(await secrets.get('shared-mode:redis-password')).toBeUndefined();
    expect(await nextStart()).toBeUndefined();
    await shared.update({ url: 'redis://127.0.0.1:6379', password: 'pw' });
    expect(await shared.update({ url: null })).toEqual({ passwordSet: false, fromCommandLine: false, restartNeeded: false });
    expect(await secrets.get('shared-mode:redis-password')).toBeUndefined();
    expect(await nextStart()).toBeUndefined();
  });

  it('says when the command line wins over the saved setting', () => {
    const { settings, secrets } = setup();
    const shared = new SharedSettings(settings, secrets, { options: { url: 'redis://127.0.0.1:7000', role: 'host' }, fromCommandLine: true });
    expect(shared.view()).toEqual({ passwordSet: false, fromCommandLine: true, restartNeeded: false });
  });
});
