// Where the key file's passphrase comes from at start: a file (`--secrets-passphrase-file`, e.g. a systemd
// credential or a 0600 file) or the TBS_SECRETS_PASSPHRASE variable. Neither: the browser asks for it.
import { readFileSync } from 'node:fs';
import { SecretsStoreKind } from '../../src-shared';

export const PASSPHRASE_ENV = 'TBS_SECRETS_PASSPHRASE';

/** Thrown for a passphrase source that cannot be used; the entry point prints it and exits. */
export class PassphraseSourceError extends Error {}

/** The passphrase, or undefined when none is configured. The file's final line break is not part of it. */
export function configuredPassphrase(file: string | undefined, env: NodeJS.ProcessEnv): string | undefined {
  let passphrase = env[PASSPHRASE_ENV] || undefined;
  if (file !== undefined) {
    try {
      passphrase = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
    } catch (error) {
      throw new PassphraseSourceError(`cannot read --secrets-passphrase-file: ${(error as Error).message}`);
    }
    if (passphrase === '') throw new PassphraseSourceError(`--secrets-passphrase-file ${file} is empty`);
  }
  return passphrase;
}

/** `--secrets`: keychain, file, or undefined (decide at start). */
export function secretsChoice(value: string | undefined): SecretsStoreKind | undefined {
  if (value === undefined) return undefined;
  const parsed = SecretsStoreKind.safeParse(value);
  if (!parsed.success) throw new PassphraseSourceError(`--secrets takes keychain or file, got "${value}"`);
  return parsed.data;
}
