// The OS keychain through keytar: Keychain on macOS, Credential Vault on Windows, the Secret Service (GNOME Keyring,
// KWallet) on Linux. keytar is loaded on first use, not at start: a machine without libsecret or without a Secret
// Service must still start the app (charts and Demo need no keys); only the keychain calls fail, in words the
// trader can act on.
import { AppError } from '../../src-shared';
import type { SecretStore } from './ports';

/** The keychain's "service": every entry of the app is filed under it. */
export const SECRET_SERVICE_NAME = 'Trade Bot Scratch';

/** The part of keytar's API this store uses. */
export interface KeytarApi {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
}

export type KeytarLoader = () => Promise<KeytarApi>;

const loadKeytar: KeytarLoader = async () => {
  const loaded = (await import('keytar')) as KeytarApi & { default?: KeytarApi };
  // keytar is CommonJS: depending on the bundler its functions sit on the namespace or on `default`.
  return loaded.default ?? loaded;
};

const HOW_TO_FIX =
  'Exchange keys are kept in the system keychain. On Linux, install and unlock a Secret Service ' +
  '(GNOME Keyring or KWallet) in your desktop session, then restart the app. Demo keeps working without keys.';

export class KeytarSecretStore implements SecretStore {
  private keytar: Promise<KeytarApi> | undefined;

  constructor(
    private readonly service: string = SECRET_SERVICE_NAME,
    private readonly load: KeytarLoader = loadKeytar,
  ) {}

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
      throw unavailable(`the keychain library could not be loaded (${describe(error)})`, error);
    });
    return this.keytar;
  }

  private async call<T>(verb: string, operation: () => Promise<T>): Promise<T> {
    try {
      return await operation();
    } catch (error) {
      // keytar's messages name the D-Bus or OS failure, never the secret.
      throw unavailable(`could not ${verb} a key in the system keychain (${describe(error)})`, error);
    }
  }
}

function unavailable(what: string, cause: unknown): AppError {
  // No error code says "keychain"; INTERNAL is not retryable, and the message says what the trader can do.
  return new AppError('INTERNAL', `The system keychain is unavailable: ${what}. ${HOW_TO_FIX}`, false, { cause });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
