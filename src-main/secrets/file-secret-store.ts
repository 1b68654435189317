// Keys in an encrypted file in the data folder, for machines without a keychain (a server, a container). The file is
// useless without its passphrase: AES-256-GCM under a key derived by scrypt, whose parameters, salt, IV and format
// version sit beside the ciphertext (see key-file-format.ts). It stays locked until the passphrase is given; every
// change rewrites the whole file atomically, one change at a time, so a crash never loses the keys already saved.
import { existsSync } from 'node:fs';
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { timingSafeEqual } from 'node:crypto';
import { AppError, MIN_NEW_PASSPHRASE_LENGTH, type SecretsStatus } from '../../src-shared';
import { removeStaleTempFiles, writeFileAtomically } from './atomic-file';
import {
  DEFAULT_SCRYPT,
  decryptEntries,
  deriveKey,
  encryptEntries,
  newKdf,
  parseKeyFile,
  wrongPassphrase,
  type KdfParams,
  type ScryptCost,
} from './key-file-format';
import type { SecretVault } from './ports';

/** The key file's name in the data folder. */
export const SECRETS_FILE = 'secrets.enc';

export const LOCKED_MESSAGE =
  'Keys are locked: enter the passphrase (Unlock keys, in the top bar) or start the host with --secrets-passphrase-file FILE';

export interface FileSecretStoreOptions {
  /** scrypt's cost for a new file; an existing file keeps the cost it was written with. */
  cost?: ScryptCost;
  /** How a refused passphrase's answer is held back (tests watch the waits). */
  sleep?: (ms: number) => Promise<void>;
}

/** Each wrong passphrase in a row doubles the wait before its answer, up to this: guessing over the network stays slow. */
const MAX_REFUSAL_DELAY_MS = 8_000;
const FIRST_REFUSAL_DELAY_MS = 250;

interface Unlocked {
  key: Buffer;
  kdf: KdfParams;
  entries: ReadonlyMap<string, string>;
}

export class FileSecretStore implements SecretVault {
  private unlocked: Unlocked | undefined;
  /** Unlocks and writes, one at a time: two changes at once must not both start from the same old content. */
  private queue: Promise<unknown> = Promise.resolve();
  private readonly listeners = new Set<(status: SecretsStatus) => void>();
  /** Wrong passphrases since the last right one. */
  private refusals = 0;

  constructor(
    readonly path: string,
    private readonly options: FileSecretStoreOptions = {},
  ) {}

  status(): SecretsStatus {
    const status: SecretsStatus = { store: 'file', state: this.unlocked ? 'ready' : 'locked', fileExists: existsSync(this.path) };
    if (!this.unlocked) status.problem = LOCKED_MESSAGE;
    return status;
  }

  onStatusChanged(listener: (status: SecretsStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  unlock(passphrase: string): Promise<SecretsStatus> {
    return this.serially(async () => {
      try {
        const status = await this.openWith(passphrase);
        this.refusals = 0;
        return status;
      } catch (error) {
        if (error instanceof AppError && error.code === 'WRONG_PASSPHRASE') {
          // Unlocks run one at a time, so this also holds back the next guess.
          this.refusals += 1;
          const delay = Math.min(MAX_REFUSAL_DELAY_MS, FIRST_REFUSAL_DELAY_MS * 2 ** (this.refusals - 1));
          await (this.options.sleep ?? ((ms) => new Promise((done) => setTimeout(done, ms))))(delay);
        }
        throw error;
      }
    });
  }

  private async openWith(passphrase: string): Promise<SecretsStatus> {
    if (this.unlocked) {
      // Already open: the answer must still tell a wrong passphrase from the right one, and the keys in memory
      // stay whatever happened to the file meanwhile.
      const key = await deriveKey(passphrase, this.unlocked.kdf);
      if (!timingSafeEqual(key, this.unlocked.key)) throw wrongPassphrase();
      return this.status();
    }
    const raw = await readIfExists(this.path);
    if (raw === undefined) {
      await this.create(passphrase);
    } else {
      const file = parseKeyFile(raw);
      const key = await deriveKey(passphrase, file.kdf);
      this.unlocked = { key, kdf: file.kdf, entries: decryptEntries(file, key) };
      await removeStaleTempFiles(this.path);
    }
    const status = this.status();
    for (const listener of this.listeners) listener(status);
    return status;
  }

  async get(account: string): Promise<string | undefined> {
    return this.opened().entries.get(account);
  }

  set(account: string, secret: string): Promise<void> {
    return this.change((entries) => {
      entries.set(account, secret);
      return undefined;
    });
  }

  delete(account: string): Promise<boolean> {
    return this.change((entries) => entries.delete(account));
  }

  /** Applies `edit` to a copy, writes the copy, and only then makes it the content: a failed write changes nothing. */
  private async change<T>(edit: (entries: Map<string, string>) => T): Promise<T> {
    this.opened();
    return this.serially(async () => {
      const current = this.opened();
      const next = new Map(current.entries);
      const result = edit(next);
      await this.write(current.key, current.kdf, next);
      this.unlocked = { ...current, entries: next };
      return result;
    });
  }

  private async create(passphrase: string): Promise<void> {
    if (passphrase.length < MIN_NEW_PASSPHRASE_LENGTH) {
      throw new AppError('INVALID_REQUEST', `Choose a passphrase of at least ${MIN_NEW_PASSPHRASE_LENGTH} characters for the new key file`);
    }
    const kdf = newKdf(this.options.cost ?? DEFAULT_SCRYPT);
    const key = await deriveKey(passphrase, kdf);
    const entries = new Map<string, string>();
    // A first start may unlock before anything else has created the data folder; private to its owner, like the file.
    await mkdir(dirname(this.path), { recursive: true, mode: 0o700 });
    await this.write(key, kdf, entries);
    this.unlocked = { key, kdf, entries };
  }

  private async write(key: Buffer, kdf: KdfParams, entries: ReadonlyMap<string, string>): Promise<void> {
    try {
      await writeFileAtomically(this.path, encryptEntries(entries, key, kdf));
    } catch (error) {
      // An fs error names the path and the reason (ENOSPC, EACCES), never the content.
      throw new AppError('INTERNAL', `could not save the key file ${this.path}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private opened(): Unlocked {
    if (!this.unlocked) throw new AppError('SECRETS_LOCKED', LOCKED_MESSAGE);
    return this.unlocked;
  }

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new AppError('INTERNAL', `could not read the key file ${path}: ${(error as Error).message}`);
  }
}
