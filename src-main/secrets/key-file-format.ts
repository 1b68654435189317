// The key file's format, version 1: a small JSON envelope, readable without the passphrase except for its content.
//
//   { "format": "tbs-secrets", "version": 1,
//     "kdf":    { "name": "scrypt", "N": 131072, "r": 8, "p": 1, "keyLength": 32, "salt": "<base64, 16 bytes>" },
//     "cipher": { "name": "aes-256-gcm", "iv": "<base64, 12 bytes>", "tag": "<base64, 16 bytes>" },
//     "ciphertext": "<base64>" }
//
// The plaintext is `{"entries":{"<entry name>":"<secret>",…}}` (UTF-8 JSON). format, version and kdf are bound to the
// ciphertext as GCM's additional data, so a file whose parameters were edited fails like a wrong passphrase instead
// of being read with them. Every write draws a fresh IV; the salt (and so the key) stays that of the file.
import { createCipheriv, createDecipheriv, randomBytes, scrypt } from 'node:crypto';
import { z } from 'zod';
import { AppError } from '../../src-shared';

export const FORMAT = 'tbs-secrets';
export const VERSION = 1;
const KEY_LENGTH = 32;
const IV_LENGTH = 12;
const TAG_LENGTH = 16;

export interface ScryptCost {
  N: number;
  r: number;
  p: number;
}

/** 2^17 × 8 × 128 B = 128 MiB and ~0.5 s per unlock on a small server: the cost OWASP advises for scrypt. */
export const DEFAULT_SCRYPT: ScryptCost = { N: 2 ** 17, r: 8, p: 1 };
/** A file is untrusted input: parameters beyond these would make an unlock take minutes or gigabytes. */
const MAX_SCRYPT_MEMORY = 1024 ** 3;

const base64 = (bytes: { min: number; max: number }) =>
  z
    .string()
    .max(Math.ceil((bytes.max * 4) / 3) + 4)
    .transform((text) => Buffer.from(text, 'base64'))
    .refine((buffer) => buffer.length >= bytes.min && buffer.length <= bytes.max, 'wrong length');

const Kdf = z
  .object({
    name: z.literal('scrypt'),
    N: z.number().int().min(2 ** 10).max(2 ** 22).refine((n) => (n & (n - 1)) === 0, 'a power of two'),
    r: z.number().int().min(1).max(32),
    p: z.number().int().min(1).max(16),
    keyLength: z.literal(KEY_LENGTH),
    salt: z.string().min(16).max(128),
  })
  .strict()
  .refine((kdf) => 128 * kdf.N * kdf.r <= MAX_SCRYPT_MEMORY, 'scrypt parameters too costly');
export type KdfParams = z.infer<typeof Kdf>;

const KeyFile = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(VERSION),
    kdf: Kdf,
    cipher: z.object({ name: z.literal('aes-256-gcm'), iv: base64({ min: IV_LENGTH, max: IV_LENGTH }), tag: base64({ min: TAG_LENGTH, max: TAG_LENGTH }) }).strict(),
    ciphertext: base64({ min: 0, max: 64 * 1024 * 1024 }),
  })
  .strict();
export type KeyFile = z.infer<typeof KeyFile>;

const Plaintext = z.object({ entries: z.record(z.string(), z.string()) }).strict();

export function newKdf(cost: ScryptCost): KdfParams {
  return { name: 'scrypt', ...cost, keyLength: KEY_LENGTH, salt: randomBytes(16).toString('base64') };
}

/** Off the main thread (libuv's pool): the event loop keeps serving charts while a passphrase is checked. */
export function deriveKey(passphrase: string, kdf: KdfParams): Promise<Buffer> {
  const { N, r, p } = kdf;
  return new Promise((resolve, reject) => {
    // NFC: the same passphrase typed on two keyboards may arrive composed differently.
    scrypt(passphrase.normalize('NFC'), Buffer.from(kdf.salt, 'base64'), KEY_LENGTH, { N, r, p, maxmem: 2 * 128 * N * r }, (error, key) =>
      error ? reject(new AppError('INTERNAL', `could not derive the key file's key: ${error.message}`)) : resolve(key),
    );
  });
}

export function parseKeyFile(text: string): KeyFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  const parsed = KeyFile.safeParse(json);
  if (!parsed.success) {
    const version = (json as { version?: unknown } | undefined)?.version;
    const why = typeof version === 'number' && version !== VERSION ? `it is format version ${version}, this app reads ${VERSION}` : 'it is damaged';
    throw new AppError('INTERNAL', `The key file cannot be read: ${why}. Restore it from a backup, or move it away to start a new one`);
  }
  return parsed.data;
}

export function encryptEntries(entries: ReadonlyMap<string, string>, key: Buffer, kdf: KdfParams): string {
  const iv = randomBytes(IV_LENGTH);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_LENGTH });
  cipher.setAAD(header(kdf));
  const plaintext = Buffer.from(JSON.stringify({ entries: Object.fromEntries(entries) }), 'utf8');
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  plaintext.fill(0);
  const file = {
    format: FORMAT,
    version: VERSION,
    kdf,
    cipher: { name: 'aes-256-gcm', iv: iv.toString('base64'), tag: cipher.getAuthTag().toString('base64') },
    ciphertext: ciphertext.toString('base64'),
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** The entries, or WRONG_PASSPHRASE: GCM's tag proves both the passphrase and that nothing was altered. */
export function decryptEntries(file: KeyFile, key: Buffer): Map<string, string> {
  let plaintext: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, file.cipher.iv, { authTagLength: TAG_LENGTH });
    decipher.setAAD(header(file.kdf));
    decipher.setAuthTag(file.cipher.tag);
    plaintext = Buffer.concat([decipher.update(file.ciphertext), decipher.final()]);
  } catch {
    throw wrongPassphrase();
  }
  const parsed = Plaintext.safeParse(JSON.parse(plaintext.toString('utf8')));
  plaintext.fill(0);
  if (!parsed.success) throw new AppError('INTERNAL', 'The key file opened but its content is not a list of keys: restore it from a backup');
  return new Map(Object.entries(parsed.data.entries));
}

export function wrongPassphrase(): AppError {
  return new AppError('WRONG_PASSPHRASE', 'That passphrase does not open the key file: nothing was changed; type it again');
}

/** The authenticated header, in a fixed key order whatever order the file had. */
function header(kdf: KdfParams): Buffer {
  const { name, N, r, p, keyLength, salt } = kdf;
  return Buffer.from(JSON.stringify({ format: FORMAT, version: VERSION, kdf: { name, N, r, p, keyLength, salt } }), 'utf8');
}
