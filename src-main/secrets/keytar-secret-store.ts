// The OS keychain through keytar: Keychain on macOS, Credential Vault on Windows, the Secret Service (GNOME Keyring,
// KWallet) on Linux. keytar is loaded on first use, not at start: a machine without libsecret or without a Secret
// Service must still start the app (charts and Demo need no keys); only the keychain calls fail, in words the
// trader can act on. The OS's own error goes to the log, not to the screen.
//
// Every call has a deadline: without a D-Bus session a Secret Service call can fail, but it can also never answer,
// and a request waiting on it would leave a screen loading forever. While a call is overdue the keychain is treated
// as not answering, so later calls fail at once instead of piling up on libuv's small thread pool.
import { AppError, type SecretsStatus } from '../../src-shared';
import type { SecretVault } from './ports';

/** The keychain's "service": every entry of the app is filed under it. */
export const SECRET_SERVICE_NAME = 'Trade Bot Scratch';

/** The part of keytar's API this store uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeytarLoader = () => Promise<KeytarApi>;

export interface KeytarSecretStoreOptions {
  /** How long one keychain call may take (a desktop keyring may be showing its unlock prompt). */
  deadlineMs?: number;
  /** Where the OS's own error goes (the log). */
  warn?: (message: string) => void;
}

const loadKeytar: KeytarLoader = async () => {
  const loaded = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  // keytar is CommonJS: depending on the bundler its functions sit on the namespace or on `default`.
  return loaded.default ?? loaded;
};

export const KEYCHAIN_DEADLINE_MS = 20_000;

export const HOW_TO_FIX =
  'install and unlock a Secret Service (GNOME Keyring or KWallet) in your desktop session, ' +
  'or start the headless host with --secrets file to keep keys in an encrypted file in the data folder. Demo keeps working without keys';

/** The entry a probe reads: it never exists, and reading it proves the keychain answers. */
const PROBE_ENTRY = 'keychain-probe';

export class KeytarSecretStore implements SecretVault {
  private keytar: Promise<KeytarApi> | undefined;
  /** What the last call found: undefined while the keychain answers. */
  private problem: string | undefined;
  /** Calls past their deadline that have not settled yet. */
  private overdue = 0;
  private readonly listeners = new Set<(status: SecretsStatus) => void>();
  private readonly warned = new Set<string>();
  private readonly deadlineMs: number;
  private readonly warn: (message: string) => void;

  constructor(
    private readonly service: string = SECRET_SERVICE_NAME,
    private readonly load: KeytarLoader = loadKeytar,
    options: KeytarSecretStoreOptions = {},
  ) {
    this.deadlineMs = options.deadlineMs ?? KEYCHAIN_DEADLINE_MS;
    this.warn = options.warn ?? ((message) => console.warn(message));
  }

  status(): SecretsStatus {
    const status: SecretsStatus = { store: 'keychain', state: this.problem ? 'unavailable' : 'ready', fileExists: false };
    if (this.problem) status.problem = this.problem;
    return status;
  }

  async unlock(): Promise<SecretsStatus> {
    throw new AppError('INVALID_REQUEST', 'The system keychain takes no passphrase here: unlock it in your desktop session');
  }

  onStatusChanged(listener: (status: SecretsStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Whether the keychain answers within `deadlineMs`, with the OS's words when it does not (for the terminal's one
   * line). Not logged and not counted as the store's status: a probe that fails only means another store is chosen.
   */
  async probe(deadlineMs: number): Promise<{ ok: true } | { ok: false; reason: string }> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
    });
    try {
      const keytar = await Promise.race([this.load(), deadline]);
      await Promise.race([keytar.getPassword(this.service, PROBE_ENTRY), deadline]);
      this.keytar = Promise.resolve(keytar);
      return { ok: true };
    } catch (error) {
      return { ok: false, reason: describe(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  async get(account: string): Promise<string | undefined> {
    const keytar = await this.module();
    return (await this.call('read', () => keytar.getPassword(this.service, account))) ?? undefined;
  }

  async set(account: string, secret: string): Promise<void> {
    const keytar = await this.module();
    await this.call('save', () => keytar.setPassword(this.service, account, secret));
  }

  async delete(account: string): Promise<boolean> {
    const keytar = await this.module();
    return this.call('delete', () => keytar.deletePassword(this.service, account));
  }

  private module(): Promise<KeytarApi> {
    // A failed load is not cached: the trader may install or unlock the keychain and try again without a restart.
    this.keytar ??= this.load().catch((error: unknown) => {
      this.keytar = undefined;
      throw this.unavailable('the keychain library could not be loaded', error);
    });
    return this.keytar;
  }

  private async call<T>(verb: string, operation: () => Promise<T>, deadlineMs = this.deadlineMs): Promise<T> {
    if (this.overdue > 0) {
      throw this.unavailable(`the system keychain did not answer an earlier call`, new Error('an earlier keychain call is still waiting'));
    }
    let timer: NodeJS.Timeout | undefined;
    let late = false;
    const pending = operation();
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        late = true;
        this.overdue += 1;
        // Settles some day, or never: either way it no longer holds the keychain's calls back once it does.
        void pending.then(
          () => (this.overdue -= 1),
          () => (this.overdue -= 1),
        );
        reject(new Error(`no answer within ${deadlineMs} ms`));
      }, deadlineMs);
    });
    try {
      const result = await Promise.race([pending, deadline]);
      this.answered();
      return result;
    } catch (error) {
      // keytar's messages name the D-Bus or OS failure, never the secret.
      throw this.unavailable(late ? 'the system keychain did not answer' : `could not ${verb} a key in the system keychain`, error);
    } finally {
      clearTimeout(timer);
    }
  }

  private answered(): void {
    if (this.problem === undefined) return;
    this.problem = undefined;
    this.changed();
  }

  private unavailable(what: string, cause: unknown): AppError {
    const raw = describe(cause);
    // Once per distinct failure: a screen polling a keyed source must not fill the log with the same line.
    if (!this.warned.has(raw)) {
      this.warned.add(raw);
      this.warn(`secrets: ${what}: ${raw}`);
    }
    const problem = `Keys can't be stored here: ${what}. To fix it, ${HOW_TO_FIX}.`;
    if (this.problem !== problem) {
      this.problem = problem;
      this.changed();
    }
    return new AppError('SECRETS_UNAVAILABLE', problem, false, { cause });
  }

  private changed(): void {
    const status = this.status();
    for (const listener of this.listeners) listener(status);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
