// `npm run secrets -- migrate --from keychain --to file --data-dir DIR`: moves the app's keys from one store to the
// other (built to out/main/secrets.js, run by scripts/secrets.mjs). Stop the app first: a running app keeps its own
// copy of the key file's content and would write it back over the migrated one.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AppError } from '../../src-shared';
import { DATABASE_FILE } from '../core';
import { migrateSecrets, secretEntryNames } from '../secret-entries';
import { configuredPassphrase, FileSecretStore, KeytarSecretStore, PassphraseSourceError, SECRETS_FILE, secretsChoice, type SecretVault } from '../secrets';
import { openDatabase } from '../storage';
import { defaultDataDir } from './options';

const USAGE = `usage: npm run secrets -- migrate --from keychain|file --to keychain|file [--data-dir DIR]
                        [--secrets-passphrase-file FILE] [--remove-source]
  Copies every key the app stores (exchange accounts, data-provider keys, notification secrets) from one store to
  the other, reads each back, and with --remove-source deletes the originals afterwards. The key file is
  DIR/${SECRETS_FILE}; its passphrase comes from --secrets-passphrase-file or TBS_SECRETS_PASSPHRASE (a new key file
  is created with it). Stop the app first.`;

class UsageError extends Error {}

async function main(argv: string[]): Promise<void> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        'data-dir': { type: 'string' },
        'secrets-passphrase-file': { type: 'string' },
        'remove-source': { type: 'boolean', default: false },
      },
      strict: true,
      allowPositionals: true,
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length !== 1 || positionals[0] !== 'migrate') throw new UsageError(USAGE);
  const from = choice(values.from, '--from');
  const to = choice(values.to, '--to');
  if (from === to) throw new UsageError(`--from and --to are both ${from}: nothing to move`);
  const dataDir = values['data-dir'] ?? defaultDataDir();
  const database = join(dataDir, DATABASE_FILE);
  if (!existsSync(database)) throw new UsageError(`no database in ${dataDir}: point --data-dir at the app's data folder`);

  const passphrase = configuredPassphrase(values['secrets-passphrase-file'], process.env);
  if (passphrase === undefined) {
    throw new UsageError("the key file's passphrase is needed: give --secrets-passphrase-file FILE or set TBS_SECRETS_PASSPHRASE");
  }
  const file = new FileSecretStore(join(dataDir, SECRETS_FILE));
  await file.unlock(passphrase);
  const keychain = new KeytarSecretStore();
  const store = (kind: 'keychain' | 'file'): SecretVault => (kind === 'file' ? file : keychain);

  const db = openDatabase(database);
  let names: string[];
  try {
    names = secretEntryNames(db);
  } finally {
    db.close();
  }
  const result = await migrateSecrets({ from: store(from), to: store(to), names, removeSource: values['remove-source'] });
  const where = (kind: 'keychain' | 'file') => (kind === 'file' ? file.path : 'the system keychain');
  console.log(`copied ${result.copied.length} of ${names.length} known entries from ${where(from)} to ${where(to)}${result.copied.length ? `: ${result.copied.join(', ')}` : ''}`);
  console.log(result.removedFromSource ? `removed them from ${where(from)}` : `${where(from)} still holds them (--remove-source deletes them there)`);
  if (to === 'file') console.log(`the headless host uses ${file.path} by itself from now on; the desktop app with --secrets file`);
  else console.log(`the headless host keeps using ${file.path} while it exists: start it with --secrets keychain, or move the file away`);
}

function choice(value: string | undefined, flag: string): 'keychain' | 'file' {
  if (value === undefined) throw new UsageError(`${flag} is required\n${USAGE}`);
  try {
    return secretsChoice(value) as 'keychain' | 'file';
  } catch (error) {
    throw new UsageError(`${flag}: ${(error as Error).message.replace(/^--secrets /, '')}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof UsageError || error instanceof PassphraseSourceError || error instanceof AppError;
  console.error(known ? `secrets: ${(error as Error).message}` : error);
  process.exit(error instanceof UsageError || error instanceof PassphraseSourceError ? 2 : 1);
});
