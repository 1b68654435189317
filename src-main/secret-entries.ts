// Every entry name the app files keys under, assembled from the functions the services themselves name them with:
// an exchange account's keys (`account:<id>`, one per saved account), a data provider's key
// (`market-data:<provider>`), the notification secrets (`notifications:<secret>`), the MetaTrader 5 pairing token and
// the signed-in session (`auth:session`, the refresh token). Moving keys from one store to another
// (`npm run secrets -- migrate`) copies exactly these.
import { DATA_API_IDS, NotificationSecret } from '../src-shared';
import { AccountRepository, credentialsEntry } from './accounts';
import { AUTH_SESSION_ENTRY } from './auth';
import { PAIRING_TOKEN_ENTRY } from './exchanges';
import { keyAccount } from './market-data';
import { secretAccount } from './notifications';
import type { SecretStore } from './secrets';
import type { SqliteDatabase } from './storage';

export function secretEntryNames(db: SqliteDatabase): string[] {
  return [
    ...new AccountRepository(db).list().map((account) => credentialsEntry(account.id)),
    ...DATA_API_IDS.map((provider) => keyAccount(provider)),
    ...NotificationSecret.options.map((secret) => secretAccount(secret)),
    PAIRING_TOKEN_ENTRY,
    AUTH_SESSION_ENTRY,
  ];
}

export interface MigrationResult {
  /** Entry names copied (names only: never a secret). */
  copied: string[];
  /** Whether the source's copies were deleted afterwards. */
  removedFromSource: boolean;
}

/**
 * Copies every named entry that `from` holds into `to`, reads each back to prove it arrived, and only then — when
 * asked — deletes the originals. A failure part-way leaves the source whole: running it again finishes the job.
 */
export async function migrateSecrets(options: { from: SecretStore; to: SecretStore; names: readonly string[]; removeSource: boolean }): Promise<MigrationResult> {
  const copied: string[] = [];
  for (const name of options.names) {
    const secret = await options.from.get(name);
    if (secret === undefined) continue;
    await options.to.set(name, secret);
    if ((await options.to.get(name)) !== secret) throw new Error(`${name} did not read back the same from the target store: nothing was removed`);
    copied.push(name);
  }
  if (options.removeSource) for (const name of copied) await options.from.delete(name);
  return { copied, removedFromSource: options.removeSource };
}
