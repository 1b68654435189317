// FileSecretStore on a real folder: what a server's disk would hold, after normal use, a wrong passphrase, and a
// process killed (SIGKILL) in the middle of writing.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'vite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../src-shared';
import { FileSecretStore, SECRETS_FILE } from './file-secret-store';

/** Cheap scrypt for tests: the cost changes how long an unlock takes, not what is tested. */
const COST = { N: 2 ** 12, r: 8, p: 1 };
const PASSPHRASE = 'correct horse battery staple';
const folders: string[] = [];

function freshFolder(): string {
  const folder = mkdtempSync(join(tmpdir(), 'tbs-secrets-'));
  folders.push(folder);
  return folder;
}

function storeIn(folder: string): FileSecretStore {
  return new FileSecretStore(join(folder, SECRETS_FILE), { cost: COST });
}

afterAll(() => {
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe('FileSecretStore', () => {
  it('is locked until the passphrase is given, creates the file on the first unlock, and keeps keys across instances', async () => {
    const folder = freshFolder();
    const store = storeIn(folder);
    expect(store.status()).toMatchObject({ store: 'file', state: 'locked', fileExists: false });
    const locked = await errorOf(store.get('account:1'));
    expect(locked.code).toBe('SECRETS_LOCKED');
    expect(locked.message).toContain('locked: enter the passphrase');
    expect((await errorOf(store.set('account:1', 'x'))).code).toBe('SECRETS_LOCKED');

    expect(await store.unlock(PASSPHRASE)).toMatchObject({ state: 'ready', fileExists: true });
    await store.set('account:1', '{"apiKey":"A","secret":"s-Ω"}');
    await store.set('market-data:polygon', 'poly-key');
    expect(await store.get('account:1')).toBe('{"apiKey":"A","secret":"s-Ω"}');
    expect(await store.delete('market-data:polygon')).toBe(true);
    expect(await store.delete('market-data:polygon')).toBe(false);
    expect(await store.get('market-data:polygon')).toBeUndefined();

    const again = storeIn(folder);
    expect(again.status()).toMatchObject({ state: 'locked', fileExists: true });
    await again.unlock(PASSPHRASE);
    expect(await again.get('account:1')).toBe('{"apiKey":"A","secret":"s-Ω"}');
    expect(await again.get('market-data:polygon')).toBeUndefined();
  });

  it('refuses a wrong passphrase with a typed error and leaves the file as it was', async () => {
    const folder = freshFolder();
    const path = join(folder, SECRETS_FILE);
    const store = storeIn(folder);
    await store.unlock(PASSPHRASE);
    await store.set('notifications:smtp-password', 'mail-pass');
    const before = readFileSync(path);

    const other = storeIn(folder);
    const error = await errorOf(other.unlock('not the passphrase'));
    expect(error.code).toBe('WRONG_PASSPHRASE');
    expect(error.message).toMatch(/does not open the key file: nothing was changed/);
    expect(other.status().state).toBe('locked');
    expect((await errorOf(other.get('notifications:smtp-password'))).code).toBe('SECRETS_LOCKED');
    // Also refused by a store that is already open.
    expect((await errorOf(store.unlock('not the passphrase'))).code).toBe('WRONG_PASSPHRASE');
    expect(readFileSync(path).equals(before)).toBe(true);

    await other.unlock(PASSPHRASE);
    expect(await other.get('notifications:smtp-password')).toBe('mail-pass');
  });

  it('holds back each wrong passphrase\'s answer longer than the one before, until a right one', async () => {
    const folder = freshFolder();
    await storeIn(folder).unlock(PASSPHRASE);
    const waits: number[] = [];
    const store = new FileSecretStore(join(folder, SECRETS_FILE), { cost: COST, sleep: async (ms) => void waits.push(ms) });
    for (let i = 0; i < 7; i += 1) expect((await errorOf(store.unlock(`guess ${i}`))).code).toBe('WRONG_PASSPHRASE');
    expect(waits).toEqual([250, 500, 1000, 2000, 4000, 8000, 8000]);
    await store.unlock(PASSPHRASE);
    await errorOf(store.unlock('guess again'));
    expect(waits.at(-1)).toBe(250);
  });

  it('refuses a short passphrase for a new file, and creates nothing', async () => {
    const folder = freshFolder();
    const error = await errorOf(storeIn(folder).unlock('short'));
    expect(error.code).toBe('INVALID_REQUEST');
    expect(readdirSync(folder)).toEqual([]);
  });

  it('says the file is damaged rather than calling the passphrase wrong when it is not a key file', async () => {
    const folder = freshFolder();
    writeFileSync(join(folder, SECRETS_FILE), '{"format":"tbs-secrets","version":1,"kdf":{"N":1e12}}');
    const error = await errorOf(storeIn(folder).unlock(PASSPHRASE));
    expect(error.code).toBe('INTERNAL');
    expect(error.message).toMatch(/key file cannot be read: it is damaged/);
  });

  it('treats an edited parameter like a wrong passphrase: the header is authenticated', async () => {
    const folder = freshFolder();
    const path = join(folder, SECRETS_FILE);
    const store = storeIn(folder);
    await store.unlock(PASSPHRASE);
    await store.set('k', 'v');
    const file = JSON.parse(readFileSync(path, 'utf8'));
    file.kdf.p = 2; // the same passphrase now derives another key; a real edit of r or N would too
    writeFileSync(path, JSON.stringify(file));
    expect((await errorOf(storeIn(folder).unlock(PASSPHRASE))).code).toBe('WRONG_PASSPHRASE');
  });

  it('never holds a secret in clear, nor in base64, and is readable by its owner only', async () => {
    const folder = freshFolder();
    const path = join(folder, SECRETS_FILE);
    const store = storeIn(folder);
    await store.unlock(PASSPHRASE);
    const secret = 'vmPUZE6mv9SD5VNHk4HlWFsOr6aKE2zvsw0MuIgwCIPy6utIco14y7Ju91duEh8A';
    await store.set('account:abc', JSON.stringify({ apiKey: 'key-AAAA-1234', secret }));
    const bytes = readFileSync(path);
    const text = bytes.toString('latin1');
    for (const needle of [secret, 'key-AAAA-1234', PASSPHRASE]) {
      expect(text).not.toContain(needle);
      expect(text).not.toContain(Buffer.from(needle).toString('base64'));
      expect(text).not.toContain(Buffer.from(needle).toString('hex'));
      expect(bytes.includes(Buffer.from(needle, 'utf8'))).toBe(false);
    }
    // The envelope says how to read it (format, version, KDF and its parameters) without the content.
    expect(JSON.parse(bytes.toString('utf8'))).toMatchObject({
      format: 'tbs-secrets',
      version: 1,
      kdf: { name: 'scrypt', N: COST.N, r: 8, p: 1, keyLength: 32 },
      cipher: { name: 'aes-256-gcm' },
    });
    if (process.platform !== 'win32') expect(statSync(path).mode & 0o777).toBe(0o600);
    // No temporary file is left beside it.
    expect(readdirSync(folder)).toEqual([SECRETS_FILE]);
  });

  it('loses no update when changes overlap: they are written one at a time', async () => {
    const folder = freshFolder();
    const store = storeIn(folder);
    await store.unlock(PASSPHRASE);
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`entry:${i}`, `value-${i}`)));
    await Promise.all([store.delete('entry:3'), store.set('entry:20', 'value-20')]);
    const reopened = storeIn(folder);
    await reopened.unlock(PASSPHRASE);
    for (let i = 0; i <= 20; i += 1) expect(await reopened.get(`entry:${i}`)).toBe(i === 3 ? undefined : `value-${i}`);
  });

  it('tells every listener when it is unlocked', async () => {
    const store = storeIn(freshFolder());
    const seen: string[] = [];
    store.onStatusChanged((status) => seen.push(status.state));
    await store.unlock(PASSPHRASE);
    expect(seen).toEqual(['ready']);
  });
});

describe('FileSecretStore killed while writing', () => {
  let writer: string;
  beforeAll(async () => {
    // The child runs the real store: bundled for plain Node (it cannot load TypeScript itself).
    const outDir = freshFolder();
    await build({
      configFile: false,
      logLevel: 'silent',
      ssr: { noExternal: true },
      build: {
        ssr: resolve(__dirname, 'testing/crash-writer.ts'),
        outDir,
        emptyOutDir: false,
        minify: false,
        rollupOptions: { output: { format: 'esm', entryFileNames: 'crash-writer.mjs' } },
      },
    });
    writer = join(outDir, 'crash-writer.mjs');
  }, 60_000);

  it('always opens afterwards with the old or the new content, never damaged, and keeps the keys saved before', async () => {
    const folder = freshFolder();
    const path = join(folder, SECRETS_FILE);
    const seed = storeIn(folder);
    await seed.unlock(PASSPHRASE);
    await seed.set('account:kept', 'saved before any crash');

    let kills = 0;
    let midWrite = 0;
    /** The counter on disk after the previous round: a round killed before its first report leaves it or the next. */
    let previous = 0;
    for (let round = 0; round < 8; round += 1) {
      const child = spawn(process.execPath, [writer, path, PASSPHRASE, String(COST.N)], { stdio: ['ignore', 'pipe', 'pipe'] });
      let out = '';
      let err = '';
      child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
      await new Promise<void>((done, fail) => {
        const timer = setTimeout(() => fail(new Error(`the writer never started: ${err}`)), 20_000);
        child.stdout.on('data', () => {
          if (out.includes('ready\n')) {
            clearTimeout(timer);
            done();
          }
        });
        child.once('exit', () => fail(new Error(`the writer exited early: ${err}`)));
      });
      // A random moment while it writes: each write of ~270 kB takes a few milliseconds.
      await new Promise((done) => setTimeout(done, 20 + Math.random() * 180));
      // 'close', not 'exit': only then has every line the child printed been read.
      const exited = new Promise((done) => child.once('close', done));
      child.kill('SIGKILL');
      await exited;
      kills += 1;

      const committed = [...out.matchAll(/committed (\d+)/g)].map((m) => Number(m[1]));
      const last = committed.at(-1) ?? previous;
      if (readdirSync(folder).some((name) => name.endsWith('.tmp'))) midWrite += 1;
      const store = storeIn(folder);
      await store.unlock(PASSPHRASE); // throws if the file were damaged
      expect(await store.get('account:kept')).toBe('saved before any crash');
      const value = (await store.get('counter')) ?? '0:';
      expect(value).toHaveLength(value === '0:' ? 2 : 200_000); // whole, never cut short
      const counter = Number(value.split(':')[0]);
      // The last change it reported is on disk; at most the next one (written, not yet reported) is too.
      expect([last, last + 1]).toContain(counter);
      previous = counter;
    }
    expect(kills).toBe(8);
    // Leftover temporary files show that kills landed mid-write; the next unlock removed them.
    console.log(`crash test: ${kills} kills, ${midWrite} left a temporary file behind`);
    expect(readdirSync(folder).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  }, 120_000);
});
