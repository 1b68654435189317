// The one way main reaches the OS keychain. Services take a SecretStore, so tests run them on the in-memory store
// (src-main/secrets/testing) and the composition root chooses the real keychain.

export interface SecretStore {
  /** The secret stored under `account`, or undefined when there is none. */
  get(account: string): Promise<string | undefined>;
  /** Stores `secret` under `account`, replacing what was there. */
  set(account: string, secret: string): Promise<void>;
  /** Whether there was a secret to delete. */
  delete(account: string): Promise<boolean>;
}
