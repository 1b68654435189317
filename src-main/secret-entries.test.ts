// Moving keys between stores: every entry the app files keys under is found (accounts from the database, data
// providers, notification secrets), copied, read back, and removed from the source only when asked.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountRepository } from './accounts';
import { migrateSecrets, secretEntryNames } from './secret-entries';
import { FileSecretStore } from './secrets';
import { MemorySecretStore } from './secrets/testing';
import { openDatabase } from './storage';

const folder = mkdtempSync(join(tmpdir(), 'tbs-migrate-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

describe('secretEntryNames and migrateSecrets', () => {
  it('copies accounts, provider keys, notification secrets and the signed-in session from the keychain to the key file, then removes them', async () => {
    const db = openDatabase(join(folder, 'app.sqlite'));
    const accounts = new AccountRepository(db);
    accounts.insert({ id: 'acct-1', venue: 'binance', label: 'B', sandbox: false, hasPassword: false, createdAt: 1 });
    accounts.insert({ id: 'acct-2', venue: 'gate', label: 'G', sandbox: false, hasPassword: false, createdAt: 2 });
    const names = secretEntryNames(db);
    db.close();
    expect(names).toEqual([
      'account:acct-1',
      'account:acct-2',
      'market-data:coinmarketcap',
      'market-data:yahoo',
      'market-data:alpha-vantage',
      'market-data:polygon',
      'notifications:smtp-password',
      'notifications:twilio-auth-token',
      'mt5:pairing-token',
      'auth:session',
    ]);

    const keychain = new MemorySecretStore();
    await keychain.set('account:acct-1', '{"apiKey":"k1","secret":"s1"}');
    await keychain.set('market-data:polygon', 'poly');
    await keychain.set('notifications:smtp-password', 'mail');
    await keychain.set('auth:session', '{"refreshToken":"rt"}');
    await keychain.set('unrelated', 'not ours');
    const file = new FileSecretStore(join(folder, 'secrets.enc'), { cost: { N: 2 ** 12, r: 8, p: 1 } });
    await file.unlock('a long passphrase');

    const kept = await migrateSecrets({ from: keychain, to: file, names, removeSource: false });
    expect(kept).toEqual({ copied: ['account:acct-1', 'market-data:polygon', 'notifications:smtp-password', 'auth:session'], removedFromSource: false });
    expect(keychain.entries()).toHaveLength(5);

    const moved = await migrateSecrets({ from: keychain, to: file, names, removeSource: true });
    expect(moved.copied).toHaveLength(4);
    expect(keychain.entries()).toEqual([['unrelated', 'not ours']]);
    const reopened = new FileSecretStore(file.path);
    await reopened.unlock('a long passphrase');
    expect(await reopened.get('account:acct-1')).toBe('{"apiKey":"k1","secret":"s1"}');
    expect(await reopened.get('notifications:smtp-password')).toBe('mail');
    expect(await reopened.get('auth:session')).toBe('{"refreshToken":"rt"}');
    expect(await reopened.get('unrelated')).toBeUndefined();
  });

  it('removes nothing when the target refuses', async () => {
    const from = new MemorySecretStore();
    await from.set('market-data:polygon', 'poly');
    const to = new MemorySecretStore();
    to.lock('x');
    await expect(migrateSecrets({ from, to, names: ['market-data:polygon'], removeSource: true })).rejects.toMatchObject({ code: 'SECRETS_LOCKED' });
    expect(from.entries()).toEqual([['market-data:polygon', 'poly']]);
  });
});
