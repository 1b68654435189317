import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseHostOptions, UsageError } from './options';

describe('host options', () => {
  it('defaults to any free port on the loopback address and a new token', () => {
    const options = parseHostOptions([], { XDG_CONFIG_HOME: '/tmp/xdg' });
    expect(options).toMatchObject({ port: 0, bind: '127.0.0.1', token: undefined });
    expect(options.dataDir).toBe(defaultDataDir({ XDG_CONFIG_HOME: '/tmp/xdg' }));
  });

  it('takes --port, --data-dir, --demo-seed and a token file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tbs-opt-')), 'token');
    writeFileSync(file, 'a-token-that-is-long-enough\n');
    const options = parseHostOptions(['--port', '8123', '--data-dir', '/data', '--token-file', file, '--demo-seed', '5'], {});
    expect(options).toEqual({ port: 8123, bind: '127.0.0.1', dataDir: '/data', token: 'a-token-that-is-long-enough', demoSeed: 5 });
  });

  it('refuses what it cannot honour, with the reason', () => {
    expect(() => parseHostOptions(['--port', '70000'], {})).toThrow(UsageError);
    expect(() => parseHostOptions(['--port', 'eighty'], {})).toThrow(/--port/);
    expect(() => parseHostOptions(['--frobnicate'], {})).toThrow(/frobnicate/);
    expect(() => parseHostOptions(['--token-file', '/nonexistent/token'], {})).toThrow(/token-file/);
    expect(() => parseHostOptions([], { TBS_HOST_TOKEN: 'short' })).toThrow(/too short/);
    expect(() => parseHostOptions(['--demo-seed', '-1'], {})).toThrow(/demo-seed/);
  });

  it('takes --secrets and the key file\'s passphrase from a file or the environment', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tbs-opt-'));
    const file = join(folder, 'passphrase');
    writeFileSync(file, '  spaces kept, final newline not  \n');
    expect(parseHostOptions([], {})).toMatchObject({ secrets: undefined, secretsPassphrase: undefined });
    expect(parseHostOptions(['--secrets', 'keychain'], {})).toMatchObject({ secrets: 'keychain', secretsPassphrase: undefined });
    expect(parseHostOptions(['--secrets', 'file'], {})).toMatchObject({ secrets: 'file', secretsPassphrase: undefined });
    expect(parseHostOptions(['--secrets-passphrase-file', file], {})).toMatchObject({
      secrets: 'file',
      secretsPassphrase: '  spaces kept, final newline not  ',
    });
    // The file wins over the variable; the variable alone chooses the key file too.
    expect(parseHostOptions(['--secrets-passphrase-file', file], { TBS_SECRETS_PASSPHRASE: 'from env' }).secretsPassphrase).toBe(
      '  spaces kept, final newline not  ',
    );
    expect(parseHostOptions([], { TBS_SECRETS_PASSPHRASE: 'from the env' })).toMatchObject({ secrets: 'file', secretsPassphrase: 'from the env' });
    // --secrets keychain: a passphrase in the environment is not used.
    expect(parseHostOptions(['--secrets', 'keychain'], { TBS_SECRETS_PASSPHRASE: 'x' })).toMatchObject({ secrets: 'keychain', secretsPassphrase: undefined });
  });

  it('refuses a bad --secrets or passphrase file, with the reason', () => {
    const folder = mkdtempSync(join(tmpdir(), 'tbs-opt-'));
    const empty = join(folder, 'empty');
    writeFileSync(empty, '\n');
    expect(() => parseHostOptions(['--secrets', 'vault'], {})).toThrow(/--secrets takes keychain or file, got "vault"/);
    expect(() => parseHostOptions(['--secrets-passphrase-file', join(folder, 'missing')], {})).toThrow(/cannot read --secrets-passphrase-file/);
    expect(() => parseHostOptions(['--secrets-passphrase-file', empty], {})).toThrow(/is empty/);
    const file = join(folder, 'pass');
    writeFileSync(file, 'a passphrase');
    expect(() => parseHostOptions(['--secrets', 'keychain', '--secrets-passphrase-file', file], {})).toThrow(UsageError);
  });

  it('uses the same data folder as the desktop app on each platform', () => {
    expect(defaultDataDir({ APPDATA: 'C:\\Users\\t\\AppData\\Roaming' }, 'win32')).toContain('Trade Bot Scratch');
    expect(defaultDataDir({}, 'darwin')).toMatch(/Library\/Application Support\/Trade Bot Scratch$/);
    expect(defaultDataDir({ XDG_CONFIG_HOME: '/x' }, 'linux')).toBe('/x/Trade Bot Scratch');
  });
});
