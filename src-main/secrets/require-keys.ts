// Refuses a request that will need keys before it does any work (a network round trip to validate an account, an
// order sent to a venue), when the store cannot give them: the trader reads what to do instead of a late failure.
import { AppError } from '../../src-shared';
import type { SecretVault } from './ports';

export function requireKeys(vault: Pick<SecretVault, 'status'>): void {
  const status = vault.status();
  if (status.state === 'locked') throw new AppError('SECRETS_LOCKED', status.problem ?? 'Keys are locked: enter the passphrase');
  // 'unavailable' is not refused here: the keychain may have come back, and the call itself will tell.
}
