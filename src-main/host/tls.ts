// The host's certificate: the operator's own files, or a self-signed one made once and kept in the data folder, so
// its fingerprint stays the same across restarts and a browser (or phone) told to trust it once keeps trusting it.
import { createHash, createPrivateKey, X509Certificate } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { isIP } from 'node:net';
import { join } from 'node:path';
import { generate } from 'selfsigned';
import { UsageError, type TlsSource } from './options';

export interface TlsMaterial {
  cert: string;
  key: string;
  /** SHA-256 of the certificate, colon-separated hex: what a browser shows and what the operator compares. */
  fingerprint256: string;
  /** Set when a self-signed certificate was made or renewed at this start: the fingerprint is new. */
  created?: string;
  /** Where the certificate lives, for the start message. */
  certFile: string;
}

export const SELF_SIGNED_FOLDER = 'tls';
export const SELF_SIGNED_CERT = 'host-cert.pem';
export const SELF_SIGNED_KEY = 'host-key.pem';
/** Renewed this long before it expires, so a host left running for months never serves an expired certificate. */
const RENEW_BEFORE_MS = 30 * 86_400_000;
/** Browsers refuse certificates valid for longer than 398 days. */
const VALID_FOR_MS = 397 * 86_400_000;
const WILDCARDS = new Set(['0.0.0.0', '::', '[::]']);

/** The names a self-signed certificate must carry for this bind: the loopback ones and the bound address. */
export function certificateNames(bind: string): string[] {
  const names = ['localhost', '127.0.0.1', '::1'];
  const bare = bind.replace(/^\[(.*)\]$/, '$1');
  if (!WILDCARDS.has(bare) && !names.includes(bare)) names.push(bare);
  return names;
}

function altNameEntries(names: string[]): Array<{ type: 2; value: string } | { type: 7; ip: string }> {
  return names.map((name) => (isIP(name) ? { type: 7 as const, ip: name } : { type: 2 as const, value: name }));
}

/** Whether the certificate's subjectAltName lists `name` (X509Certificate prints IPv6 in full, so compare parsed). */
function covers(certificate: X509Certificate, name: string): boolean {
  if (isIP(name)) return certificate.checkIP(name) !== undefined;
  return certificate.checkHost(name, { wildcards: false }) !== undefined;
}

function writePrivate(file: string, text: string): void {
  const temporary = `${file}.tmp-${process.pid}`;
  writeFileSync(temporary, text, { mode: 0o600 });
  renameSync(temporary, file);
}

/** Why the kept certificate cannot be used any more, or undefined when it can. */
function reasonToRenew(certificate: X509Certificate, names: string[], now: number): string | undefined {
  if (Date.parse(certificate.validTo) - now < RENEW_BEFORE_MS) return `it expires on ${certificate.validTo}`;
  const missing = names.filter((name) => !covers(certificate, name));
  return missing.length > 0 ? `it does not name ${missing.join(', ')}` : undefined;
}

async function selfSigned(dataDir: string, bind: string, now: number): Promise<TlsMaterial> {
  const folder = join(dataDir, SELF_SIGNED_FOLDER);
  const certFile = join(folder, SELF_SIGNED_CERT);
  const keyFile = join(folder, SELF_SIGNED_KEY);
  const names = certificateNames(bind);
  let why = 'none was kept yet';
  try {
    const cert = readFileSync(certFile, 'utf8');
    const key = readFileSync(keyFile, 'utf8');
    const certificate = new X509Certificate(cert);
    if (!certificate.checkPrivateKey(createPrivateKey(key))) throw new Error('the key does not belong to the certificate');
    const renew = reasonToRenew(certificate, names, now);
    if (renew === undefined) {
      chmodSync(keyFile, 0o600);
      return { cert, key, fingerprint256: certificate.fingerprint256, certFile };
    }
    why = renew;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'ENOENT') why = `the kept one is unusable (${(error as Error).message})`;
  }
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  const host = hostname();
  const generated = await generate([{ name: 'commonName', value: `Trade Bot Scratch host (${host})` }], {
    keyType: 'ec',
    curve: 'P-256',
    algorithm: 'sha256',
    notBeforeDate: new Date(now - 60_000),
    notAfterDate: new Date(now + VALID_FOR_MS),
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames: altNameEntries(names.includes(host) || !host ? names : [...names, host]) },
    ],
  });
  // The key first: a crash between the two writes leaves a certificate without its key, which the next start renews.
  writePrivate(keyFile, generated.private);
  writePrivate(certFile, generated.cert);
  const fingerprint256 = new X509Certificate(generated.cert).fingerprint256;
  return { cert: generated.cert, key: generated.private, fingerprint256, created: why, certFile };
}

function fromFiles(certFile: string, keyFile: string): TlsMaterial {
  const read = (option: string, file: string): string => {
    try {
      return readFileSync(file, 'utf8');
    } catch (error) {
      throw new UsageError(`cannot read ${option}: ${(error as Error).message}`);
    }
  };
  const cert = read('--tls-cert', certFile);
  const key = read('--tls-key', keyFile);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(cert);
  } catch (error) {
    throw new UsageError(`--tls-cert ${certFile} is not a PEM certificate: ${(error as Error).message}`);
  }
  let matches: boolean;
  try {
    matches = certificate.checkPrivateKey(createPrivateKey(key));
  } catch (error) {
    throw new UsageError(`--tls-key ${keyFile} is not a PEM private key: ${(error as Error).message}`);
  }
  if (!matches) throw new UsageError(`--tls-key ${keyFile} is not the private key of --tls-cert ${certFile}`);
  return { cert, key, fingerprint256: certificate.fingerprint256, certFile };
}

export async function loadTls(source: TlsSource, dataDir: string, bind: string, now: number = Date.now()): Promise<TlsMaterial> {
  return source.kind === 'files' ? fromFiles(source.certFile, source.keyFile) : selfSigned(dataDir, bind, now);
}

/** base64 SHA-256 of the certificate's public key (SPKI): what certificate pinning and Chromium's allow-list take. */
export function spkiSha256(certPem: string): string {
  const spki = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(spki).digest('base64');
}
