import { chmodSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureDataFolder } from './data-folder';
import { openDatabase } from './database';

function recorder() {
  const warnings: string[] = [];
  return { warnings, logger: { warn: (message: string) => warnings.push(message) } };
}

const modeOf = (folder: string): number => statSync(folder).mode & 0o777;

describe.skipIf(process.platform === 'win32')('the data folder', () => {
  it('is created readable by its owner only, whatever the umask', () => {
    const folder = join(mkdtempSync(join(tmpdir(), 'tbs-data-')), 'Trade Bot Scratch');
    const umask = process.umask(0o000); // the widest umask: the mode must still come out 0700
    try {
      const { warnings, logger } = recorder();
      ensureDataFolder(folder, logger);
      expect(modeOf(folder)).toBe(0o700);
      expect(warnings).toEqual([]);
    } finally {
      process.umask(umask);
    }
  });

  it('leaves an existing folder as it is, and says so when other users can read it', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tbs-data-'));
    chmodSync(folder, 0o755);
    const { warnings, logger } = recorder();
    ensureDataFolder(folder, logger);
    expect(modeOf(folder)).toBe(0o755);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('can be read by other users (mode 755)');
    expect(warnings[0]).toContain(`chmod 700 '${folder}'`);

    chmodSync(folder, 0o700);
    const quiet = recorder();
    ensureDataFolder(folder, quiet.logger);
    expect(quiet.warnings).toEqual([]);
  });

  it('says which folder it could not create, as a typed error', () => {
    const blocker = join(mkdtempSync(join(tmpdir(), 'tbs-data-')), 'a-file');
    writeFileSync(blocker, 'not a folder');
    expect(() => ensureDataFolder(join(blocker, 'data'), recorder().logger)).toThrow(/cannot create the data folder/);
  });

  it('is private when the database creates it too', () => {
    const parent = mkdtempSync(join(tmpdir(), 'tbs-data-'));
    mkdirSync(join(parent, 'x'));
    const folder = join(parent, 'x', 'data');
    const umask = process.umask(0o000);
    try {
      openDatabase(join(folder, 'app.sqlite')).close();
    } finally {
      process.umask(umask);
    }
    expect(modeOf(folder)).toBe(0o700);
  });
});
