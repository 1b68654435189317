// A SecretStore in memory, for other modules' tests. It can be told to fail, as a locked or missing keychain does,
// and to start locked, as the key file does until its passphrase is given.
import { AppError, type SecretsStatus } from '../../../src-shared';
import type { SecretVault } from '../ports';

export type SecretOperation = 'get' | 'set' | 'delete';

export class MemorySecretStore implements SecretVault {
  private readonly secrets = new Map<string, string>();
  private readonly failing = new Set<SecretOperation>();
  private readonly listeners = new Set<(status: SecretsStatus) => void>();
  private passphrase: string | undefined;
  private locked = false;

  /** Every stored entry, for assertions. */
  entries(): Array<[account: string, secret: string]> {
    return [...this.secrets.entries()];
  }

  /** Makes `operation` reject like an unavailable keychain until `recover()`. */
  fail(operation: SecretOperation): void {
    this.failing.add(operation);
  }

  recover(): void {
    this.failing.clear();
  }

  /** Locks the store, like the key file before its passphrase; `unlock(passphrase)` opens it. */
  lock(passphrase: string): void {
    this.passphrase = passphrase;
    this.locked = true;
  }

  status(): SecretsStatus {
    return this.locked
      ? { store: 'file', state: 'locked', fileExists: true, problem: 'Keys are locked: enter the passphrase (test)' }
      : { store: 'file', state: 'ready', fileExists: true };
  }

  async unlock(passphrase: string): Promise<SecretsStatus> {
    if (this.locked && passphrase !== this.passphrase) throw new AppError('WRONG_PASSPHRASE', 'wrong passphrase (test)');
    this.locked = false;
    for (const listener of this.listeners) listener(this.status());
    return this.status();
  }

  onStatusChanged(listener: (status: SecretsStatus) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async get(account: string): Promise<string | undefined> {
    this.check('get');
    return this.secrets.get(account);
  }

  async set(account: string, secret: string): Promise<void> {
    this.check('set');
    this.secrets.set(account, secret);
  }

  async delete(account: string): Promise<boolean> {
    this.check('delete');
    return this.secrets.delete(account);
  }

  private check(operation: SecretOperation): void {
    if (this.locked) throw new AppError('SECRETS_LOCKED', 'Keys are locked: enter the passphrase (test)');
    if (this.failing.has(operation)) {
      throw new AppError('SECRETS_UNAVAILABLE', `Keys can't be stored here: the system keychain is unavailable (test: ${operation} fails)`, false);
    }
  }
}
