// The start of the host as `npm run host` runs it: what it prints (the token only to a terminal), where it keeps the
// token otherwise, and what it refuses before anything starts.
import { X509Certificate } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { launchHost, TOKEN_FILE, type LaunchedHost } from './launch';
import { UsageError } from './options';

const launched: LaunchedHost[] = [];
afterEach(async () => {
  for (const host of launched.splice(0)) await host.stop();
});

function terminal(isTTY: boolean) {
  const lines: string[] = [];
  return { lines, text: () => lines.join('\n'), output: { isTTY, log: (l: string) => lines.push(l), warn: (l: string) => lines.push(l) } };
}

const renderer = () => {
  const dir = mkdtempSync(join(tmpdir(), 'tbs-renderer-'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><title>app</title>');
  return dir;
};

async function launch(args: string[], isTTY: boolean, env: NodeJS.ProcessEnv = {}) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'tbs-launch-')), 'data');
  const out = terminal(isTTY);
  const host = await launchHost(['--data-dir', dataDir, '--demo-seed', '3', ...args], env, out.output, renderer());
  launched.push(host);
  return { host, dataDir, out };
}

const sessionStatus = async (origin: string, token: string) =>
  (await fetch(`${origin}/api/session`, { headers: { Authorization: `Bearer ${token}` } })).status;

describe('starting the headless host', () => {
  it('prints the URL with the token to a terminal', async () => {
    const { host, out, dataDir } = await launch([], true);
    expect(out.text()).toContain(`open ${host.host.url}`);
    expect(host.host.url).toMatch(/#token=.{40,}/);
    expect(existsSync(join(dataDir, TOKEN_FILE))).toBe(false);
  });

  it('prints no token when the output is not a terminal, and names the owner-only file that holds the new one', async () => {
    const { host, out, dataDir } = await launch([], false);
    const file = join(dataDir, TOKEN_FILE);
    const token = readFileSync(file, 'utf8').trim();
    expect(token.length).toBeGreaterThanOrEqual(40);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(out.text()).not.toContain(token);
    expect(out.text()).not.toMatch(/#token=(?!<token>)/); // only the placeholder of the advice
    expect(out.lines[0]).toBe(`Trade Bot Scratch (headless) is running: open ${host.host.origin}/`);
    expect(out.text()).toContain(`access token: not printed, as this output is not a terminal; it is in ${file}`);
    expect(await sessionStatus(host.host.origin, token)).toBe(204);
  });

  it('names the configured token file, or the variable, instead of writing one', async () => {
    const tokenFile = join(mkdtempSync(join(tmpdir(), 'tbs-token-')), 'token');
    writeFileSync(tokenFile, 'a-configured-token-0123456789\n');
    const fromFile = await launch(['--token-file', tokenFile], false);
    expect(fromFile.out.text()).toContain(`it is in ${tokenFile} (--token-file)`);
    expect(fromFile.out.text()).not.toContain('a-configured-token-0123456789');
    expect(existsSync(join(fromFile.dataDir, TOKEN_FILE))).toBe(false);

    const fromEnv = await launch([], false, { TBS_HOST_TOKEN: 'a-token-from-the-environment' });
    expect(fromEnv.out.text()).toContain('it is the value of TBS_HOST_TOKEN');
    expect(fromEnv.out.text()).not.toContain('a-token-from-the-environment');
  });

  it('serves HTTPS with a self-signed certificate and prints its SHA-256 fingerprint', async () => {
    const { host, out, dataDir } = await launch(['--tls-self-signed'], true);
    expect(host.host.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const certificate = new X509Certificate(readFileSync(join(dataDir, 'tls', 'host-cert.pem')));
    expect(out.text()).toContain(`TLS certificate SHA-256 fingerprint: ${certificate.fingerprint256}`);
    expect(out.text()).toContain('a new self-signed certificate');
  });

  it('refuses a non-loopback bind without TLS before anything starts', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'tbs-launch-')), 'data');
    const out = terminal(true);
    const started = launchHost(['--data-dir', dataDir, '--bind', '0.0.0.0'], {}, out.output, renderer());
    await expect(started).rejects.toThrow(UsageError);
    await expect(started).rejects.toThrow(/refusing to listen on 0\.0\.0\.0 .*--tls-self-signed.*--insecure-http/);
    expect(existsSync(dataDir)).toBe(false);
  });

  it('says plainly when it serves plain HTTP beyond loopback on request', async () => {
    const { out } = await launch(['--bind', '0.0.0.0', '--insecure-http'], true);
    expect(out.text()).toContain('plain HTTP on 0.0.0.0 (--insecure-http): only safe behind a proxy that adds TLS');
  });
});

describe('--sign-in: the device flow from the terminal', () => {
  const secretsEnv = { TBS_SECRETS_PASSPHRASE: 'a passphrase for the test key file' };

  it('says what to configure when sign-in is not, and the host runs without any sign-in', async () => {
    const { host, out } = await launch(['--sign-in', '--secrets', 'file'], false, secretsEnv);
    expect(await host.signedIn).toBe(false);
    expect(out.text()).toContain('--sign-in: sign-in is not configured here: set TBS_AUTH_ISSUER, TBS_AUTH_CLIENT_ID and TBS_AUTH_AUDIENCE');
    expect(host.core.auth.status()).toEqual({ configured: false, state: 'signed-out' });
  });

  it('refuses to start with a half configuration, naming what is missing', async () => {
    await expect(launch([], false, { TBS_AUTH_ISSUER: 'tenant.auth0.com' })).rejects.toThrow(/TBS_AUTH_CLIENT_ID and TBS_AUTH_AUDIENCE/);
  });

  it('prints the address and the code, signs in once they are entered elsewhere, and stays signed in after a restart', async () => {
    const { startOpenIdProvider } = await import('../../fakes/openid-provider');
    const { ProviderUserAgent } = await import('../../fakes/openid-provider/user-agent');
    const provider = await startOpenIdProvider({ callbackPorts: [53682] });
    try {
      const env = { ...secretsEnv, TBS_AUTH_ISSUER: provider.issuer, TBS_AUTH_CLIENT_ID: provider.clientId, TBS_AUTH_AUDIENCE: provider.audience };
      const dataDir = join(mkdtempSync(join(tmpdir(), 'tbs-launch-')), 'data');
      const first = terminal(false);
      const host = await launchHost(['--data-dir', dataDir, '--sign-in', '--secrets', 'file'], env, first.output, renderer());
      launched.push(host);
      await expect.poll(() => first.text(), { timeout: 10_000 }).toMatch(/enter the code [A-Z-]+/);
      const [, uri, code] = /open (\S+) and enter the code (\S+)/.exec(first.text())!;
      await new ProviderUserAgent(provider.issuer).activateDevice(uri!, code!, provider.users[0]!);
      expect(await host.signedIn).toBe(true);
      expect(first.text()).toContain('sign-in: signed in as Alice Trader (alice@example.com)');
      await host.stop();
      launched.splice(launched.indexOf(host), 1);

      const again = terminal(false);
      const restarted = await launchHost(['--data-dir', dataDir, '--sign-in', '--secrets', 'file'], env, again.output, renderer());
      launched.push(restarted);
      expect(await restarted.signedIn).toBe(true);
      expect(again.text()).toContain('sign-in: already signed in as Alice Trader (alice@example.com)');
    } finally {
      await provider.close();
    }
  });
});
