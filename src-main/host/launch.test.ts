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
