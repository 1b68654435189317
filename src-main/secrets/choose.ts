// Which store holds the keys, decided once at start. `--secrets keychain|file` decides outright. Without it: the key
// file when the data folder already has one (that is where the keys are), else the system keychain if it answers a
// probe within a short deadline, else the key file, with one line on the terminal saying so.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { SecretsStoreKind } from '../../src-shared';
import { FileSecretStore, SECRETS_FILE, type FileSecretStoreOptions } from './file-secret-store';
import { KeytarSecretStore } from './keytar-secret-store';
import type { SecretVault } from './ports';

export interface ChooseSecretStoreOptions {
  /** `--secrets`; undefined: decide as above. */
  choice: SecretsStoreKind | undefined;
  dataDir: string;
  /** The keychain to probe and use; the real one when absent. */
  keychain?: Pick<KeytarSecretStore, 'probe'> & SecretVault;
  /** How long the keychain may take to answer the probe. */
  probeDeadlineMs?: number;
  file?: FileSecretStoreOptions;
  /** The terminal's one line about a store chosen by itself. */
  notice?: (line: string) => void;
}

export const PROBE_DEADLINE_MS = 3_000;

export async function chooseSecretStore(options: ChooseSecretStoreOptions): Promise<SecretVault> {
  const path = join(options.dataDir, SECRETS_FILE);
  const file = (): FileSecretStore => new FileSecretStore(path, options.file);
  const keychain = (): SecretVault & Pick<KeytarSecretStore, 'probe'> => options.keychain ?? new KeytarSecretStore();
  const notice = options.notice ?? ((line: string) => console.log(line));
  if (options.choice === 'file') return file();
  if (options.choice === 'keychain') return keychain();
  if (existsSync(path)) {
    notice(`Keys: the encrypted key file ${path} (--secrets keychain uses the system keychain instead)`);
    return file();
  }
  const candidate = keychain();
  const probe = await candidate.probe(options.probeDeadlineMs ?? PROBE_DEADLINE_MS);
  if (probe.ok) return candidate;
  notice(
    `Keys: no system keychain answers here (${probe.reason}); keys will be kept in the encrypted file ${path}, ` +
      'opened by a passphrase (--secrets-passphrase-file FILE, TBS_SECRETS_PASSPHRASE, or asked in the browser)',
  );
  return file();
}
