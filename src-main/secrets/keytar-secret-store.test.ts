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
  const noBus = (): KeytarApi => ({
    getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
    setPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
    deletePassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  });

  it('says what to do when keytar cannot load, logs the OS error, and tries again on the next call', async () => {
    let attempts = 0;
    const logged: string[] = [];
    const broken = new KeytarSecretStore(
      service,
      async () => {
        attempts += 1;
        throw new Error('libsecret-1.so.0: cannot open shared object file');
      },
      { warn: (line) => logged.push(line) },
    );
    const error = await broken.get('x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe('SECRETS_UNAVAILABLE');
    expect((error as AppError).message).toMatch(/^Keys can't be stored here: the keychain library could not be loaded\. To fix it, /);
    expect((error as AppError).message).toMatch(/GNOME Keyring or KWallet.*--secrets file/);
    expect((error as AppError).message).not.toContain('libsecret-1.so.0');
    await expect(broken.get('x')).rejects.toThrow(AppError);
    expect(attempts).toBe(2);
    // The raw error reaches the log once, however often it repeats.
    expect(logged).toEqual(['secrets: the keychain library could not be loaded: libsecret-1.so.0: cannot open shared object file']);
  });

  it('turns a Secret Service failure into words without the OS error or the secret, and reports the status', async () => {
    const logged: string[] = [];
    const store = new KeytarSecretStore(service, async () => noBus(), { warn: (line) => logged.push(line) });
    expect(store.status()).toEqual({ store: 'keychain', state: 'ready', fileExists: false });
    const seen: string[] = [];
    store.onStatusChanged((status) => seen.push(status.state));
    const error = (await store.set('acct', 'super-secret-value').catch((e: unknown) => e)) as AppError;
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('SECRETS_UNAVAILABLE');
    expect(error.retryable).toBe(false);
    expect(error.message).toContain("Keys can't be stored here: could not save a key in the system keychain");
    expect(error.message).not.toContain('D-Bus');
    expect(error.message).not.toContain('super-secret-value');
    expect(logged.join('\n')).toContain('Cannot autolaunch D-Bus without X11 $DISPLAY');
    expect(logged.join('\n')).not.toContain('super-secret-value');
    await expect(store.delete('acct')).rejects.toThrow(/could not delete a key/);
    expect(store.status()).toMatchObject({ state: 'unavailable', problem: expect.stringContaining("Keys can't be stored here") });
    expect(seen[0]).toBe('unavailable');
  });

  it('gives up on a call that never answers, and fails the next ones at once until it does', async () => {
    let release: (() => void) | undefined;
    const hanging: KeytarApi = {
      getPassword: () => new Promise((done) => (release = () => done(null))),
      setPassword: () => new Promise(() => undefined),
      deletePassword: () => Promise.resolve(true),
    };
    const store = new KeytarSecretStore(service, async () => hanging, { deadlineMs: 50, warn: () => undefined });
    const first = (await store.get('x').catch((e: unknown) => e)) as AppError;
    expect(first.code).toBe('SECRETS_UNAVAILABLE');
    expect(first.message).toMatch(/did not answer/);
    // While that call is still out, the next one does not queue behind it.
    const started = Date.now();
    await expect(store.delete('x')).rejects.toThrow(/did not answer an earlier call/);
    expect(Date.now() - started).toBeLessThan(50);
    release!();
    await new Promise((done) => setTimeout(done, 0));
    expect(await store.delete('x')).toBe(true);
    expect(store.status().state).toBe('ready');
  });

  it('probes within a deadline: a keychain that answers, one that fails, one that hangs', async () => {
    expect(await new KeytarSecretStore(service).probe(5_000)).toEqual({ ok: true });
    expect(await new KeytarSecretStore(service, async () => noBus()).probe(1_000)).toEqual({
      ok: false,
      reason: 'Cannot autolaunch D-Bus without X11 $DISPLAY',
    });
    const hanging: KeytarApi = { ...noBus(), getPassword: () => new Promise(() => undefined) };
    expect(await new KeytarSecretStore(service, async () => hanging).probe(50)).toEqual({ ok: false, reason: 'no answer within 50 ms' });
  });
});
