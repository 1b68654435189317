import { X509Certificate } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { AUTH_PROTOCOL_PREFIX, WIRE_PROTOCOL } from '../../src-shared';
import { UsageError } from './options';
import { startHost } from './server';
import { recordingDispatcher } from './testing/recording-dispatcher';
import { loadTls, SELF_SIGNED_CERT, SELF_SIGNED_FOLDER, SELF_SIGNED_KEY, spkiSha256 } from './tls';

const DAY = 86_400_000;
const dataDir = () => mkdtempSync(join(tmpdir(), 'tbs-tls-'));
const modeOf = (path: string) => statSync(path).mode & 0o777;

describe('self-signed certificate', () => {
  it('is made once, kept in the data folder with an owner-only key, and reused with the same fingerprint', async () => {
    const dir = dataDir();
    const first = await loadTls({ kind: 'self-signed' }, dir, '0.0.0.0');
    expect(first.created).toBe('none was kept yet');
    expect(first.certFile).toBe(join(dir, SELF_SIGNED_FOLDER, SELF_SIGNED_CERT));
    expect(modeOf(join(dir, SELF_SIGNED_FOLDER, SELF_SIGNED_KEY))).toBe(0o600);
    expect(modeOf(join(dir, SELF_SIGNED_FOLDER))).toBe(0o700);
    const certificate = new X509Certificate(readFileSync(first.certFile, 'utf8'));
    expect(first.fingerprint256).toBe(certificate.fingerprint256);
    expect(first.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    for (const ip of ['127.0.0.1', '::1']) expect(certificate.checkIP(ip)).toBeDefined();
    expect(certificate.checkHost('localhost')).toBe('localhost');
    expect(certificate.checkIP('0.0.0.0')).toBeUndefined(); // a wildcard bind is not a name anyone connects to
    expect(certificate.ca).toBe(false);

    const again = await loadTls({ kind: 'self-signed' }, dir, '0.0.0.0');
    expect(again.created).toBeUndefined();
    expect(again.fingerprint256).toBe(first.fingerprint256);
    expect(again.key).toBe(first.key);
  });

  it('names the bound address, and is renewed (with the reason) when the address changes or expiry nears', async () => {
    const dir = dataDir();
    const now = Date.now();
    const lan = await loadTls({ kind: 'self-signed' }, dir, '192.0.2.10', now);
    expect(new X509Certificate(lan.cert).checkIP('192.0.2.10')).toBe('192.0.2.10');
    const moved = await loadTls({ kind: 'self-signed' }, dir, '192.0.2.11', now);
    expect(moved.created).toContain('does not name 192.0.2.11');
    expect(moved.fingerprint256).not.toBe(lan.fingerprint256);

    const later = await loadTls({ kind: 'self-signed' }, dir, '192.0.2.11', now + 380 * DAY);
    expect(later.created).toMatch(/expires on/);
    expect(Date.parse(new X509Certificate(later.cert).validTo)).toBeGreaterThan(now + 700 * DAY);
  });

  it('replaces a kept certificate that cannot be read', async () => {
    const dir = dataDir();
    const first = await loadTls({ kind: 'self-signed' }, dir, '127.0.0.1');
    writeFileSync(first.certFile, 'not a certificate');
    const renewed = await loadTls({ kind: 'self-signed' }, dir, '127.0.0.1');
    expect(renewed.created).toMatch(/unusable/);
    expect(new X509Certificate(readFileSync(first.certFile, 'utf8')).fingerprint256).toBe(renewed.fingerprint256);
  });
});

describe('certificate files', () => {
  it('are read and checked against each other, with a clear error for each mistake', async () => {
    const made = await loadTls({ kind: 'self-signed' }, dataDir(), '127.0.0.1');
    const other = await loadTls({ kind: 'self-signed' }, dataDir(), '127.0.0.1');
    const dir = dataDir();
    const write = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
    const cert = write('cert.pem', made.cert);
    const key = write('key.pem', made.key);
    const loaded = await loadTls({ kind: 'files', certFile: cert, keyFile: key }, dir, '0.0.0.0');
    expect(loaded.fingerprint256).toBe(made.fingerprint256);
    expect(loaded.created).toBeUndefined();

    const wrongKey = write('other-key.pem', other.key);
    await expect(loadTls({ kind: 'files', certFile: cert, keyFile: wrongKey }, dir, '0.0.0.0')).rejects.toThrow(/is not the private key of/);
    await expect(loadTls({ kind: 'files', certFile: join(dir, 'missing.pem'), keyFile: key }, dir, '0.0.0.0')).rejects.toThrow(UsageError);
    await expect(loadTls({ kind: 'files', certFile: key, keyFile: key }, dir, '0.0.0.0')).rejects.toThrow(/not a PEM certificate/);
    await expect(loadTls({ kind: 'files', certFile: cert, keyFile: cert }, dir, '0.0.0.0')).rejects.toThrow(/not a PEM private key/);
  });
});

describe('the host over TLS', () => {
  it('serves HTTPS and WSS that a client trusting only this certificate accepts', async () => {
    const tls = await loadTls({ kind: 'self-signed' }, dataDir(), '127.0.0.1');
    const renderer = dataDir();
    writeFileSync(join(renderer, 'index.html'), '<!doctype html><title>over tls</title>');
    const token = 'tls-token-0123456789abcdef';
    const dispatcher = recordingDispatcher();
    const host = await startHost({ dispatcher, token, rendererDir: renderer, tls: { cert: tls.cert, key: tls.key } });
    try {
      expect(host.url).toBe(`https://127.0.0.1:${host.port}/#token=${token}`);
      const page = await new Promise<{ status: number; body: string; spki: string }>((resolve, reject) => {
        request(`${host.origin}/`, { ca: tls.cert }, (response) => {
          let body = '';
          const peer = (response.socket as import('node:tls').TLSSocket).getPeerX509Certificate();
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => resolve({ status: response.statusCode ?? 0, body, spki: spkiSha256(peer!.toString()) }));
        })
          .on('error', reject)
          .end();
      });
      expect(page.status).toBe(200);
      expect(page.body).toContain('over tls');
      expect(page.spki).toBe(spkiSha256(tls.cert));

      const socket = new WebSocket(`wss://127.0.0.1:${host.port}/api`, [WIRE_PROTOCOL, `${AUTH_PROTOCOL_PREFIX}${token}`], {
        ca: tls.cert,
        origin: host.origin,
      });
      const reply = new Promise<string>((resolve) => socket.once('message', (data) => resolve(data.toString())));
      await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
      socket.send(JSON.stringify({ type: 'req', id: 5, channel: 'app:info', payload: {} }));
      expect(JSON.parse(await reply)).toMatchObject({ type: 'res', id: 5, response: { ok: true } });
      socket.close();

      // A client that does not trust the certificate is refused by its own TLS check, before any token is sent.
      const untrusting = new WebSocket(`wss://127.0.0.1:${host.port}/api`, [WIRE_PROTOCOL]);
      const error = await new Promise<Error>((resolve) => untrusting.once('error', resolve));
      expect(error.message).toMatch(/self[- ]signed/i);
    } finally {
      await host.close();
    }
  });
});
