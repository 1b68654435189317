import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultDataDir, parseHostOptions, UsageError } from './options';

describe('host options', () => {
  it('defaults to any free port on the loopback address and a new token', () => {
    const options = parseHostOptions([], { XDG_CONFIG_HOME: '/tmp/xdg' });
    expect(options).toMatchObject({ port: 0, bind: '127.0.0.1', token: undefined, tls: undefined, insecureHttp: false, allowedOrigins: [] });
    expect(options.dataDir).toBe(defaultDataDir({ XDG_CONFIG_HOME: '/tmp/xdg' }));
  });

  it('takes --port, --data-dir, --demo-seed and a token file', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'tbs-opt-')), 'token');
    writeFileSync(file, 'a-token-that-is-long-enough\n');
    const options = parseHostOptions(['--port', '8123', '--data-dir', '/data', '--token-file', file, '--demo-seed', '5'], {});
    expect(options).toMatchObject({ port: 8123, bind: '127.0.0.1', dataDir: '/data', token: 'a-token-that-is-long-enough', demoSeed: 5 });
    expect(options.tokenSource).toEqual({ kind: 'file', file });
    expect(parseHostOptions([], { TBS_HOST_TOKEN: 'a-token-from-the-environment' }).tokenSource).toEqual({ kind: 'env' });
  });

  it('takes --redis for shared mode, with its password from a file or the environment, never echoing a bad URL', () => {
    expect(parseHostOptions([], {}).redis).toBeUndefined();
    const file = join(mkdtempSync(join(tmpdir(), 'tbs-redis-')), 'password');
    writeFileSync(file, 's3cret-from-file\n');
    expect(parseHostOptions(['--redis', 'rediss://redis.example.com:6380', '--redis-password-file', file, '--process-name', 'vps-1'], {}).redis).toEqual({
      url: 'rediss://redis.example.com:6380', password: 's3cret-from-file', name: 'vps-1',
    });
    expect(parseHostOptions([], { TBS_REDIS_URL: 'redis://127.0.0.1:6379', TBS_REDIS_PASSWORD: 'pw' }).redis).toEqual({ url: 'redis://127.0.0.1:6379', password: 'pw' });
    expect(() => parseHostOptions(['--redis', 'http://user:hunter2@example.com'], {})).toThrow(UsageError);
    try {
      parseHostOptions(['--redis', 'http://user:hunter2@example.com'], {});
    } catch (error) {
      expect((error as Error).message).not.toContain('hunter2');
    }
    expect(() => parseHostOptions(['--process-name', 'x'], {})).toThrow(/go with --redis/);
  });

  it('takes --sign-in (off by default)', () => {
    expect(parseHostOptions([], {}).signIn).toBe(false);
    expect(parseHostOptions(['--sign-in'], {}).signIn).toBe(true);
    expect(() => parseHostOptions(['--sign-in=yes'], {})).toThrow(UsageError);
  });

  it('takes TLS from files or self-signed, and extra allowed origins', () => {
    expect(parseHostOptions(['--tls-cert', '/c.pem', '--tls-key', '/k.pem'], {}).tls).toEqual({ kind: 'files', certFile: '/c.pem', keyFile: '/k.pem' });
    expect(parseHostOptions(['--tls-self-signed'], {}).tls).toEqual({ kind: 'self-signed' });
    expect(parseHostOptions([], {}).tls).toBeUndefined();
    const options = parseHostOptions(['--allowed-origin', 'https://trade.example.com/', '--allowed-origin', 'http://10.0.0.5:8080/x'], {});
    expect(options.allowedOrigins).toEqual(['https://trade.example.com', 'http://10.0.0.5:8080']);
  });

  it('refuses a non-loopback bind over plain HTTP, naming both ways out', () => {
    for (const bind of ['0.0.0.0', '::', '192.168.1.20', 'example.com']) {
      let error: unknown;
      try {
        parseHostOptions(['--bind', bind], {});
      } catch (caught) {
        error = caught;
      }
      expect(error).toBeInstanceOf(UsageError);
      const message = (error as Error).message;
      expect(message).toContain(`refusing to listen on ${bind}`);
      expect(message).toContain('--tls-self-signed');
      expect(message).toContain('--insecure-http');
      expect(message).not.toContain('\n');
    }
    expect(parseHostOptions(['--bind', '0.0.0.0', '--tls-self-signed'], {}).bind).toBe('0.0.0.0');
    expect(parseHostOptions(['--bind', '0.0.0.0', '--insecure-http'], {}).insecureHttp).toBe(true);
    for (const loopback of ['127.0.0.1', '127.0.0.2', '::1', 'localhost']) expect(parseHostOptions(['--bind', loopback], {}).bind).toBe(loopback);
  });

  it('refuses TLS options that contradict each other', () => {
    expect(() => parseHostOptions(['--tls-cert', '/c.pem'], {})).toThrow(/--tls-cert and --tls-key go together/);
    expect(() => parseHostOptions(['--tls-key', '/k.pem'], {})).toThrow(/go together/);
    expect(() => parseHostOptions(['--tls-self-signed', '--tls-cert', '/c.pem', '--tls-key', '/k.pem'], {})).toThrow(/either/);
    expect(() => parseHostOptions(['--tls-self-signed', '--insecure-http'], {})).toThrow(/exclude/);
    expect(() => parseHostOptions(['--allowed-origin', 'not a url'], {})).toThrow(/--allowed-origin/);
    expect(() => parseHostOptions(['--allowed-origin', 'file:///etc'], {})).toThrow(/http\(s\)/);
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

describe('viewer token option', () => {
  const file = (text: string): string => {
    const path = join(mkdtempSync(join(tmpdir(), 'tbs-opt-')), 'viewer');
    writeFileSync(path, text);
    return path;
  };

  it('reads the viewer token from --viewer-token-file or TBS_VIEWER_TOKEN, the file winning', () => {
    expect(parseHostOptions([], {}).viewerToken).toBeUndefined();
    expect(parseHostOptions([], { TBS_VIEWER_TOKEN: 'a-viewer-token-from-env' }).viewerToken).toBe('a-viewer-token-from-env');
    const path = file('  a-viewer-token-from-file\n');
    expect(parseHostOptions(['--viewer-token-file', path], { TBS_VIEWER_TOKEN: 'a-viewer-token-from-env' }).viewerToken).toBe('a-viewer-token-from-file');
  });

  it('holds it to the operator token rules, and never the operator token itself', () => {
    expect(() => parseHostOptions(['--viewer-token-file', file('short')], {})).toThrow(/viewer token is too short/);
    expect(() => parseHostOptions(['--viewer-token-file', '/nonexistent/viewer'], {})).toThrow(/viewer-token-file/);
    const same = 'the-very-same-token-for-both';
    expect(() => parseHostOptions([], { TBS_HOST_TOKEN: same, TBS_VIEWER_TOKEN: same })).toThrow(/must differ from the operator token/);
    expect(() => parseHostOptions(['--token-file', file(same), '--viewer-token-file', file(`${same}\n`)], {})).toThrow(UsageError);
  });
});
