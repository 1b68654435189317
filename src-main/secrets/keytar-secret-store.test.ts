// KeytarSecretStore against a REAL keychain: the Secret Service of a private D-Bus session that `npm test` starts
// (scripts/keychain-session.mjs), or the OS keychain on a developer's Mac. Never skipped: without a keychain these
// tests fail, which is what CI must report. Entries are filed under a service name unique to this run, so a
// developer's own keychain is never touched beyond them, and they are deleted afterwards.
import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared';
import { KeytarSecretStore, type KeytarApi } from './keytar-secret-store';

const service = `Trade Bot Scratch test ${randomUUID()}`;
const store = new KeytarSecretStore(service);
const used = new Set<string>();
const account = (name: string): string => {
  used.add(name);
  return name;
};

afterAll(async () => {
  for (const name of used) await store.delete(name);
});

describe('KeytarSecretStore on the real keychain', () => {
  it('stores, reads, overwrites and deletes a secret', async () => {
    const name = account('acct-1:credentials');
    await store.set(name, 'first-secret-Ω');
    expect(await store.get(name)).toBe('first-secret-Ω');

    await store.set(name, 'second-secret');
    expect(await store.get(name)).toBe('second-secret');

    expect(await store.delete(name)).toBe(true);
    expect(await store.get(name)).toBeUndefined();
    expect(await store.delete(name)).toBe(false);
  });

  it('keeps accounts apart and reads one never stored as undefined', async () => {
    const a = account('acct-a');
    const b = account('acct-b');
    await store.set(a, '{"apiKey":"A","secret":"a"}');
    await store.set(b, '{"apiKey":"B","secret":"b"}');
    expect(await store.get(a)).toBe('{"apiKey":"A","secret":"a"}');
    expect(await store.get(b)).toBe('{"apiKey":"B","secret":"b"}');
    expect(await store.get(account('never-stored'))).toBeUndefined();

    await store.delete(a);
    expect(await store.get(b)).toBe('{"apiKey":"B","secret":"b"}');
  });

  it('keeps services apart: another service does not see this one\'s entries', async () => {
    const name = account('shared-name');
    await store.set(name, 'mine');
    const other = new KeytarSecretStore(`${service} other`);
    expect(await other.get(name)).toBeUndefined();
  });
});

describe('KeytarSecretStore without a usable keychain', () => {
  it('says what to do when keytar cannot load, and tries again on the next call', async () => {
    let attempts = 0;
    const broken = new KeytarSecretStore(service, async () => {
      attempts += 1;
      throw new Error('libsecret-1.so.0: cannot open shared object file');
    });
    const error = await broken.get('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).message).toMatch(/system keychain is unavailable.*libsecret-1\.so\.0/);
    expect((error as AppError).message).toMatch(/GNOME Keyring or KWallet/);
    await expect(broken.get('x')).rejects.toThrow(AppError);
    expect(attempts).toBe(2);
  });

  it('turns a Secret Service failure into an AppError that does not carry the secret', async () => {
    const noBus: KeytarApi = {
      getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
      deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
    };
    const store = new KeytarSecretStore(service, async () => noBus);
    const error = (await store.set('acct', 'super-secret-value').catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('INTERNAL');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain('could not save a key in the system keychain (Cannot autolaunch D-Bus');
    expect(error.message).not.toContain('super-secret-value');
    await expect(store.delete('acct')).rejects.toThrow(/could not delete a key/);
  });
});
