// A SecretStore in memory, for other modules' tests. It can be told to fail, as a locked or missing keychain does.
import { AppError } from '../../../src-shared';
import type { SecretStore } from '../ports';

export type SecretOperation = 'get' | 'set' | 'delete';

export class MemorySecretStore implements SecretStore {
  private readonly secrets = new Map<string, string>();
  private readonly failing = new Set<SecretOperation>();

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
    if (this.failing.has(operation)) {
      throw new AppError('INTERNAL', `The system keychain is unavailable (test: ${operation} fails)`, false);
    }
  }
}
