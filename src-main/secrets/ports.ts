// The one way main reaches stored keys. Services take a SecretStore, so tests run them on the in-memory store
// (src-main/secrets/testing) and the composition root chooses the real one: the OS keychain, or the encrypted file.
import type { SecretsStatus } from '../../src-shared';

export interface SecretStore {
  /** The secret stored under `account`, or undefined when there is none. */
  get(account: string): Promise<string | undefined>;
  /** Stores `secret` under `account`, replacing what was there. */
  set(account: string, secret: string): Promise<void>;
  /** Whether there was a secret to delete. */
  delete(account: string): Promise<boolean>;
}

/** A SecretStore that can say whether it is usable now, and be unlocked (the file store) by a passphrase. */
export interface SecretVault extends SecretStore {
  status(): SecretsStatus;
  /** Opens the store (creates the key file when there is none); WRONG_PASSPHRASE changes nothing. */
  unlock(passphrase: string): Promise<SecretsStatus>;
  /** Called on every change of status (unlocked, keychain lost or back). Returns the function that stops it. */
  onStatusChanged(listener: (status: SecretsStatus) => void): () => void;
}
