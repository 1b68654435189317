// Which store the host takes: the keychain when one answers, else the key file with one line saying so; a flag
// decides outright; a key file already in the data folder is where the keys are.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseSecretStore } from './choose';
import { FileSecretStore } from './file-secret-store';
import { KeytarSecretStore, type KeytarApi } from './keytar-secret-store';

const folders: string[] = [];
const folder = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'tbs-choose-'));
  folders.push(dir);
  return dir;
};
afterAll(() => folders.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

const noBus: KeytarApi = {
  getPassword: () => Promise.reject(new Error('Cannot autolaunch D-Bus without X11 $DISPLAY')),
  setPassword: () => Promise.reject(new Error('no bus')),
  deletePassword: () => Promise.reject(new Error('no bus')),
};
const answering: KeytarApi = { getPassword: async () => null, setPassword: async () => undefined, deletePassword: async () => false };
const hanging: KeytarApi = { ...noBus, getPassword: () => new Promise(() => undefined) };

describe('chooseSecretStore', () => {
  it('takes the keychain when it answers, and says nothing', async () => {
    const lines: string[] = [];
    const keychain = new KeytarSecretStore('test', async () => answering);
    const store = await chooseSecretStore({ choice: undefined, dataDir: folder(), keychain, notice: (l) => lines.push(l) });
    expect(store).toBe(keychain);
    expect(lines).toEqual([]);
  });

  it('falls back to the key file with one line when no D-Bus answers, or when the keychain hangs', async () => {
    for (const api of [noBus, hanging]) {
      const lines: string[] = [];
      const dataDir = folder();
      const store = await chooseSecretStore({
        choice: undefined,
        dataDir,
        keychain: new KeytarSecretStore('test', async () => api),
        probeDeadlineMs: 100,
        notice: (l) => lines.push(l),
      });
      expect(store).toBeInstanceOf(FileSecretStore);
      expect((store as FileSecretStore).path).toBe(join(dataDir, 'secrets.enc'));
      expect(store.status()).toMatchObject({ store: 'file', state: 'locked', fileExists: false });
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^Keys: no system keychain answers here \((Cannot autolaunch D-Bus|no answer within 100 ms)/);
      expect(lines[0]).toContain('--secrets-passphrase-file');
      expect(lines[0]).not.toContain('\n');
    }
  });

  it('obeys --secrets file and --secrets keychain without probing', async () => {
    let probed = 0;
    const keychain = new KeytarSecretStore('test', async () => {
      probed += 1;
      return answering;
    });
    expect(await chooseSecretStore({ choice: 'file', dataDir: folder(), keychain })).toBeInstanceOf(FileSecretStore);
    const broken = new KeytarSecretStore('test', async () => noBus);
    expect(await chooseSecretStore({ choice: 'keychain', dataDir: folder(), keychain: broken })).toBe(broken);
    expect(probed).toBe(0);
  });

  it('keeps using a key file the data folder already has', async () => {
    const dataDir = folder();
    writeFileSync(join(dataDir, 'secrets.enc'), '{}');
    const lines: string[] = [];
    const store = await chooseSecretStore({
      choice: undefined,
      dataDir,
      keychain: new KeytarSecretStore('test', async () => answering),
      notice: (l) => lines.push(l),
    });
    expect(store).toBeInstanceOf(FileSecretStore);
    expect(lines).toEqual([`Keys: the encrypted key file ${join(dataDir, 'secrets.enc')} (--secrets keychain uses the system keychain instead)`]);
  });
});
