// The host exposed beyond loopback: only with TLS. Chromium trusts exactly the certificate the host made and kept
// (its public key's hash), not every certificate error, and talks to it at 127.0.0.1 only.
import { spawnSync } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, expect, test, type Browser } from '@playwright/test';
import { CHROMIUM_LAUNCH } from './chromium';
import { freshDataDir, offlineEnv, startHostProcess } from './host-process';

const HOST_ENTRY = resolve(__dirname, '../out/main/host.js');

/** base64 SHA-256 of the certificate's SubjectPublicKeyInfo: what --ignore-certificate-errors-spki-list takes. */
function spkiHash(certificate: X509Certificate): string {
  return createHash('sha256').update(certificate.publicKey.export({ type: 'spki', format: 'der' })).digest('base64');
}

test('with --tls-self-signed on 0.0.0.0 the UI comes over HTTPS and the API over WSS', async ({}, testInfo) => {
  const host = await startHostProcess({ extraArgs: ['--tls-self-signed', '--bind', '0.0.0.0'] });
  let browser: Browser | undefined;
  try {
    expect(host.origin).toBe(`https://127.0.0.1:${host.port}`);
    const certificate = new X509Certificate(readFileSync(join(host.dataDir, 'tls', 'host-cert.pem')));
    expect(host.output()).toContain(`TLS certificate SHA-256 fingerprint: ${certificate.fingerprint256}`);
    expect(host.output()).not.toContain(host.token); // its output is a pipe, not a terminal

    browser = await chromium.launch({
      ...CHROMIUM_LAUNCH,
      args: [...CHROMIUM_LAUNCH.args, `--ignore-certificate-errors-spki-list=${spkiHash(certificate)}`],
    });
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const sockets: string[] = [];
    page.on('websocket', (socket) => sockets.push(socket.url()));

    await page.goto(host.url);
    await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
    const chart = page.getByTestId('chart');
    await expect(chart).toHaveAttribute('data-last-time', /^\d+$/);
    await expect(page.getByTestId('last-price')).toHaveText(/^\d{1,3}(,\d{3})*\.\d{2}$/);
    expect(sockets.length).toBeGreaterThan(0);
    expect(new Set(sockets)).toEqual(new Set([`wss://127.0.0.1:${host.port}/api`])); // never a plain ws:// one
    expect(await page.evaluate(() => window.isSecureContext && window.location.protocol)).toBe('https:');
    await testInfo.attach('chart-over-https', { body: await page.screenshot(), contentType: 'image/png' });
    expect(pageErrors).toEqual([]);

    // Restarted on the same data folder, the host keeps its certificate: the same fingerprint stays trusted.
    await host.stop();
    const again = await startHostProcess({ dataDir: host.dataDir, extraArgs: ['--tls-self-signed', '--bind', '0.0.0.0'] });
    try {
      expect(again.output()).toContain(`TLS certificate SHA-256 fingerprint: ${certificate.fingerprint256}`);
      expect(again.output()).not.toContain('a new self-signed certificate');
      await page.goto(again.url);
      await expect(page.getByRole('status', { name: 'Connection' })).toHaveText('Connected');
      await expect(chart).toHaveAttribute('data-last-time', /^\d+$/);
    } finally {
      await again.stop();
    }
  } finally {
    await browser?.close();
    await host.stop();
  }
});

test('a browser that was not told to trust the certificate refuses the page', async () => {
  const host = await startHostProcess({ extraArgs: ['--tls-self-signed', '--bind', '0.0.0.0'] });
  const browser = await chromium.launch(CHROMIUM_LAUNCH);
  try {
    const page = await browser.newPage();
    await expect(page.goto(host.url)).rejects.toThrow(/ERR_CERT_AUTHORITY_INVALID/);
  } finally {
    await browser.close();
    await host.stop();
  }
});

test('plain --bind 0.0.0.0 without TLS exits non-zero, saying why and the two ways out', () => {
  const dataDir = join(freshDataDir(), 'data');
  const run = spawnSync(process.execPath, [HOST_ENTRY, '--bind', '0.0.0.0', '--data-dir', dataDir], {
    env: offlineEnv(),
    encoding: 'utf8',
    timeout: 30_000,
  });
  expect(run.status).toBe(2);
  const lines = run.stderr.trim().split('\n');
  expect(lines).toHaveLength(1);
  expect(lines[0]).toContain('refusing to listen on 0.0.0.0 over plain HTTP');
  expect(lines[0]).toContain('--tls-self-signed');
  expect(lines[0]).toContain('--insecure-http');
  expect(run.stdout).toBe('');
});
