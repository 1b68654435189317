// Where keys are kept and whether they can be used now: the system keychain, or an encrypted file in the data folder
// that stays locked until its passphrase is given. Passphrases go in through `secrets:unlock` and never come back.
import { z } from 'zod';

/** A new key file's passphrase is at least this long: it is all that protects the keys on a server's disk. */
export const MIN_NEW_PASSPHRASE_LENGTH = 8;

export const SecretsStoreKind = z.enum(['keychain', 'file']);
export type SecretsStoreKind = z.infer<typeof SecretsStoreKind>;

/**
 * ready: keys can be read and saved. locked: the key file waits for its passphrase. unavailable: no keychain answers
 * here, so keys cannot be stored until one is set up (`problem` says how).
 */
export const SecretsState = z.enum(['ready', 'locked', 'unavailable']);
export type SecretsState = z.infer<typeof SecretsState>;

export const SecretsStatus = z.object({
  store: SecretsStoreKind,
  state: SecretsState,
  /** The key file exists (file store only): when it does not, the first unlock creates it with that passphrase. */
  fileExists: z.boolean(),
  /** What to do, in words, when the state is not ready. Never the raw OS error: that goes to the log. */
  problem: z.string().optional(),
});
export type SecretsStatus = z.infer<typeof SecretsStatus>;

const NoPayload = z.object({}).strict();

export const secretsChannels = {
  'secrets:status': { req: NoPayload, res: SecretsStatus },
  /** Opens the key file with its passphrase (creates it when there is none yet); a wrong one is WRONG_PASSPHRASE. */
  'secrets:unlock': {
    req: z.object({ passphrase: z.string().min(1, 'enter the passphrase').max(1024) }).strict(),
    res: SecretsStatus,
  },
} as const;

export const secretsEvents = {
  /** The store was unlocked, or the keychain stopped (or started) answering: every window updates its prompt. */
  'secrets.status-changed': SecretsStatus,
} as const;
